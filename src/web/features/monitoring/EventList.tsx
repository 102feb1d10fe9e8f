import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventView } from '../../../contracts/monitoring/index.ts';
import { useFormat } from '../../components/format.ts';
import { useDates } from '../../i18n/use-dates.ts';

/** Events reported at a compound, newest first, with counts, nationalities and the evidence behind them. */
export function EventList({ events }: { events: EventView[] }) {
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const fmt = useFormat();
  if (events.length === 0) return <p className="muted">{t('events.none')}</p>;
  const sorted = [...events].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <ul className="event-list">
      {sorted.map((e) => (
        <li key={e.id} className={e.retracted ? 'event event--retracted' : 'event'}>
          <div className="event-head">
            <strong>{t(`eventKind.${e.kind}`, { defaultValue: e.kind })}</strong>
            <span className="muted small">
              {dates.day(e.date)}
              {e.dateEnd && ` – ${dates.day(e.dateEnd)}`}
            </span>
            <span className="small">{t('timeline.confidence', { value: dates.percent(e.confidence) })}</span>
            {e.retracted && <span className="badge">{t('events.retracted')}</span>}
          </div>
          {e.description && <p>{e.description}</p>}
          {Object.keys(e.counts).length > 0 && (
            <p className="small">
              {(Object.entries(e.counts) as [string, number][])
                .map(([k, v]) => `${t(`counts.${k}`)}: ${fmt.number(v)}`)
                .join(' · ')}
            </p>
          )}
          {e.nationalities.length > 0 && (
            <p className="small">
              {t('events.nationalities')}: {e.nationalities.map(fmt.country).join(', ')}
            </p>
          )}
          {e.statesEmptied && <p className="small">{t('events.statesEmptied')}</p>}
          {e.relocatedToCompoundId && (
            <p className="small">
              <Link to={`/monitoring/compounds/${e.relocatedToCompoundId}`}>{t('events.relocatedTo')}</Link>
            </p>
          )}
          {e.evidenceIds.length > 0 && (
            <p className="small">
              {t('timeline.evidence')}:{' '}
              {e.evidenceIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link to={`/monitoring/evidence/${id}`}>{t('alerts.evidenceItem', { n: i + 1 })}</Link>
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
