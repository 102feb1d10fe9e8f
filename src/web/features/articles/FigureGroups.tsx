/** Each source's figure for one quantity side by side, with the agreement flag. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureGroupView } from '../../../contracts/monitoring/articles.ts';
import { useDates } from '../../i18n/use-dates.ts';

export function useInterval() {
  const { t, i18n } = useTranslation('articles');
  const n = new Intl.NumberFormat(i18n.language);
  return (low: number, high: number | null) =>
    high === null
      ? t('interval.atLeast', { low: n.format(low) })
      : low === high
        ? t('interval.exact', { low: n.format(low) })
        : low === 0
          ? t('interval.atMost', { high: n.format(high) })
          : t('interval.between', { low: n.format(low), high: n.format(high) });
}

export function FigureGroups({ groups, showStory = false }: { groups: FigureGroupView[]; showStory?: boolean }) {
  const { t } = useTranslation('articles');
  const dates = useDates();
  const interval = useInterval();
  if (!groups.length) return <p className="muted">{t('disagreements.none')}</p>;
  return (
    <ul className="figure-groups">
      {groups.map((g) => (
        <li
          key={`${g.storyId}-${g.key}`}
          className={`figure-group figure-group--${g.agreement}`}
          data-testid="figure-group"
        >
          <h3>
            <span className={`agreement agreement--${g.agreement}`}>{t(`agreement.${g.agreement}`)}</span>{' '}
            {t(`quantity.${g.kind}`)} · <code>{g.key.split(':').slice(1).join(' · ')}</code>
            {showStory && (
              <>
                {' '}
                — <Link to={`stories/${g.storyId}`}>{g.storyTitle ?? t('stories.untitled')}</Link>
              </>
            )}
          </h3>
          <table className="figure-table">
            <thead>
              <tr>
                <th scope="col">{t('disagreements.source')}</th>
                <th scope="col">{t('disagreements.date')}</th>
                <th scope="col">{t('disagreements.value')}</th>
                <th scope="col">{t('disagreements.quote')}</th>
              </tr>
            </thead>
            <tbody>
              {g.sources.map((s) => (
                <tr key={s.claimId} className={s.conflictsWith.length ? 'conflicting' : undefined}>
                  <td>{s.publisher ?? s.title ?? '—'}</td>
                  <td>{dates.day(s.publishedAt)}</td>
                  <td data-testid="figure-value">
                    {interval(s.low, s.high)}
                    {s.conflictsWith.length > 0 && <span className="small"> ({t('disagreements.conflicts')})</span>}
                    {s.status !== 'proposed' && (
                      <span className={`claim-status claim-status--${s.status}`}> {t(`status.${s.status}`)}</span>
                    )}
                  </td>
                  <td>
                    <q>{s.quote}</q>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
