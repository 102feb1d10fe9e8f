/** The edit history of a shared evidence item or compound: who changed what, when, and the values before and after. */
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useDates } from '../../i18n/use-dates.ts';
import { useEditHistory } from './monitoring-api.ts';

function shown(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export function EditHistorySection({ subject, id }: { subject: 'evidence' | 'compounds'; id: string }) {
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const history = useEditHistory(subject, id);
  return (
    <section className="panel" aria-labelledby={`history-${id}`} data-testid="edit-history">
      <h2 id={`history-${id}`}>{t('history.title')}</h2>
      <p className="muted small">{t('history.intro')}</p>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.entries.length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <ol className="steps">
          {[...history.data.entries].reverse().map((e) => (
            <li key={e.id} data-testid="edit-history-entry">
              <strong>{t(`history.action.${e.action}`, { defaultValue: e.action })}</strong>
              {' · '}
              <span className="muted small">
                {t('history.by', {
                  organisation: e.ownOrganisation
                    ? t('history.yourOrganisation')
                    : (e.organisationName ?? e.organisationId.slice(0, 8)),
                  date: dates.time(e.at),
                })}
              </span>
              <ul className="plain-list small">
                {e.fields.map((f) => (
                  <li key={f}>
                    <code>{f}</code>: <del>{shown(e.previous[f], t('history.empty'))}</del> →{' '}
                    <ins>{shown(e.next[f], t('history.empty'))}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
