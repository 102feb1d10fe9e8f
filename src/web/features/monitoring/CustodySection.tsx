/** The item's chain of custody: each access, export and change, when, and who as the reader may know them. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useDates } from '../../i18n/use-dates.ts';
import { useCustody } from './monitoring-api.ts';
import { useWho } from './who.ts';

/** Every view is an entry, so the log grows; the newest are shown first. */
const FIRST = 20;

export function CustodySection({ id }: { id: string }) {
  const { t } = useTranslation('monitoring');
  const dates = useDates();
  const who = useWho();
  const custody = useCustody(id);
  const [all, setAll] = useState(false);
  return (
    <section className="panel" aria-labelledby={`custody-${id}`} data-testid="custody-log">
      <h2 id={`custody-${id}`}>{t('custody.title')}</h2>
      <p className="muted small">{t('custody.intro')}</p>
      {custody.isPending ? (
        <LoadingState />
      ) : custody.isError ? (
        <ErrorState error={custody.error} onRetry={() => void custody.refetch()} />
      ) : (
        <>
          {custody.data.intact ? (
            <p className="small">{t('custody.intact')}</p>
          ) : (
            <p className="error-state" role="alert">
              {t('custody.broken', { n: custody.data.firstBreak + 1 })}
            </p>
          )}
          <ol className="steps" reversed>
            {[...custody.data.entries]
              .reverse()
              .slice(0, all ? undefined : FIRST)
              .map((e) => (
                <li key={e.seq} data-testid="custody-entry">
                  <strong>{t(`custody.action.${e.action}`)}</strong> ·{' '}
                  <span className="muted small">
                    {dates.time(e.at)} · {who(e.actorName, e.actorOrganisationName)}
                  </span>
                </li>
              ))}
          </ol>
          {!all && custody.data.entries.length > FIRST && (
            <button type="button" className="button" onClick={() => setAll(true)}>
              {t('custody.showAll', { count: custody.data.entries.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
