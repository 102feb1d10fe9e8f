import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { SuppressionNote } from '../../../components/SuppressionNote.tsx';
import { useCoordinationSummary } from '../casework-api.ts';
import { useDates } from '../components/dates.ts';
import { useVocab } from '../components/vocab.ts';
import { NeedsCapacityPanel } from './NeedsCapacityPanel.tsx';

const COLUMNS = ['registered', 'awaiting_documents', 'awaiting_travel', 'repatriated', 'lost_contact'] as const;
/** The column a bottleneck points at, so it can be highlighted. */
const BOTTLENECK_COLUMN = {
  documents: 'awaiting_documents',
  travel: 'awaiting_travel',
  none: null,
  suppressed: null,
} as const;
const size = (c: number | 'suppressed') => (c === 'suppressed' ? 0 : c);

/** Per nationality: registered → waiting for documents → waiting for travel → home, with the bottleneck marked. */
export function CoordinationPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  const dates = useDates();
  const summary = useCoordinationSummary();
  if (summary.isPending) return <LoadingState />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  // The server orders rows (largest first); suppressed counts are never compared here.
  const rows = summary.data.rows;
  return (
    <div>
      <h1>{t('coordination.title')}</h1>
      <p className="muted small">
        {t(
          summary.data.scope === 'all'
            ? 'coordination.scopeAll'
            : summary.data.scope === 'visible'
              ? 'coordination.scopeVisible'
              : 'coordination.scopeOrganisation',
        )}{' '}
        · {t('coordination.generated', { when: dates.dateTime(summary.data.generatedAt) })}
      </p>
      <SuppressionNote minimumCell={summary.data.minimumCell} />
      {rows.length === 0 ? (
        <EmptyState title={t('coordination.empty')}>
          <p>{t('coordination.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div className="cw-scroll">
          <table className="cw-table cw-coord" data-testid="coordination-table">
            <thead>
              <tr>
                <th scope="col">{t('coordination.nationality')}</th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {t(`coordination.${c}`)}
                  </th>
                ))}
                <th scope="col">{t('coordination.bottleneck')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const hot = BOTTLENECK_COLUMN[r.bottleneck];
                const waiting = Math.max(1, size(r.registered));
                return (
                  <tr key={r.nationality} data-nationality={r.nationality}>
                    <th scope="row">{fmt.nationality(r.nationality)}</th>
                    {COLUMNS.map((c) => (
                      <td key={c} className={hot === c ? 'cw-hot' : undefined} data-column={c}>
                        <span className="cw-num">{fmt.count(r[c])}</span>
                        {c !== 'registered' && r[c] !== 'suppressed' && (
                          <span className="cw-minibar" aria-hidden="true">
                            <span style={{ width: `${Math.min(100, (size(r[c]) / waiting) * 100)}%` }} />
                          </span>
                        )}
                      </td>
                    ))}
                    <td>
                      {r.bottleneck === 'none' || r.bottleneck === 'suppressed' ? (
                        <span className="muted">{v('bottleneck', r.bottleneck)}</span>
                      ) : (
                        <strong className="cw-hot-label">{v('bottleneck', r.bottleneck)}</strong>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {summary.data.scope === 'all' && <NeedsCapacityPanel />}
    </div>
  );
}
