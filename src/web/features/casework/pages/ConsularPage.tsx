import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { useConsularQueue } from '../casework-api.ts';
import { useFormat } from '../../../components/format.ts';
import { Pager } from '../components/Pager.tsx';
import { useVocab } from '../components/vocab.ts';
import { BulkBar } from './consular/BulkBar.tsx';
import { NO_FILTERS, QueueFilters, queueParams, type QueueFilterState } from './consular/QueueFilters.tsx';
import { QueueTable } from './consular/QueueTable.tsx';
import { GroupFlightForm } from './GroupFlightForm.tsx';

/** What was just done, kept on screen until dismissed (the chosen people are cleared, the confirmation stays). */
type Notice =
  { kind: 'step'; step: string; count: number } | { kind: 'flight'; count: number; flight: string; date: string };

/**
 * The embassy's queue: consenting nationals in a table the server filters, sorts, searches and
 * pages; steps for many at once; a group booked on one flight; the flight's manifest.
 */
export function ConsularPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  // A dashboard figure opens the queue on one nationality and stage (?nationality=…&status=…).
  const [address, setAddress] = useSearchParams();
  const [filters, setFilters] = useState<QueueFilterState>(() => ({
    ...NO_FILTERS,
    nationality: address.get('nationality') ?? '',
    status: address.get('status') ?? '',
  }));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const params = queueParams(filters);
  const queue = useConsularQueue({ ...params, limit: 50, cursor: cursors[cursors.length - 1] });
  const items = queue.data?.items ?? [];
  const manifest = (format: string) =>
    `/api/consular/manifest?${new URLSearchParams({ flightNumber: params.flightNumber!, date: params.flightDate!, format })}`;

  return (
    <div className="cw-consular">
      <h1>{t('consular.title')}</h1>
      <p className="muted">{t('consular.intro')}</p>
      {(filters.nationality || filters.status) && (
        <p className="cw-notice muted" data-testid="consular-figure">
          {t('consular.figure', {
            what: [
              filters.nationality && fmt.country(filters.nationality),
              filters.status && v('caseStatus', filters.status),
            ]
              .filter(Boolean)
              .join(' · '),
          })}{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              setAddress(new URLSearchParams());
              setFilters({ ...filters, nationality: '', status: '' });
              setCursors([undefined]);
            }}
          >
            {t('consular.wholeQueue')}
          </button>
        </p>
      )}
      <QueueFilters
        value={filters}
        flights={queue.data?.flights ?? []}
        onChange={(f) => {
          setFilters(f);
          setCursors([undefined]);
        }}
      />
      {notice && (
        <div className="cw-success cw-notice" role="status" data-testid="consular-notice">
          <p>
            {notice.kind === 'flight'
              ? t('consular.bookedOn', { count: notice.count, flight: notice.flight, date: notice.date })
              : t(`consular.bulkDone.${notice.step}`, { count: notice.count })}
          </p>
          <button type="button" className="button" onClick={() => setNotice(null)}>
            {t('consular.dismiss')}
          </button>
        </div>
      )}
      {chosen.length > 0 && (
        <>
          <BulkBar
            caseIds={chosen}
            onClear={() => setChosen([])}
            onApplied={(step, count) => setNotice({ kind: 'step', step, count })}
          />
          <GroupFlightForm
            caseIds={chosen}
            onBooked={(r, flight) => {
              setNotice({ kind: 'flight', count: r.members.length, flight: flight.flightNumber, date: flight.date });
              setChosen([]);
            }}
          />
        </>
      )}
      {params.flightNumber && (
        <p className="cw-manifest" data-testid="manifest-links">
          {t('consular.manifestFor', { flight: params.flightNumber, date: params.flightDate })}{' '}
          {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
            <a key={f} className="button" href={manifest(f)} download>
              {t(`consular.manifestAs.${f}`)}
            </a>
          ))}
        </p>
      )}
      {queue.isPending ? (
        <LoadingState />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filters === NO_FILTERS ? t('consular.empty') : t('consular.noneMatch')}>
          <p>{filters === NO_FILTERS ? t('consular.emptyBody') : t('consular.noneMatchBody')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted" data-testid="consular-total">
            {/* Beyond a thousand the server stops counting rather than read the whole queue: "1000+ people". */}
            {t(queue.data.totalExact ? 'consular.count' : 'consular.countAtLeast', { count: queue.data.total })}
          </p>
          <QueueTable items={items} chosen={chosen} onChoose={setChosen} open={open} onOpen={setOpen} />
          <Pager cursors={cursors} nextCursor={queue.data.nextCursor} onChange={setCursors} />
        </>
      )}
    </div>
  );
}
