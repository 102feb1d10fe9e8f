import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, RISK_LEVELS } from '../../../../core/vocabulary.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { useDates } from '../components/dates.ts';
import { CaseSearch } from '../components/CaseSearch.tsx';
import { FilterChips } from '../components/FilterChips.tsx';
import { useCaseList } from '../casework-api.ts';
import { Pager } from '../components/Pager.tsx';
import { useVocab } from '../components/vocab.ts';

/** The attributes a dashboard figure opens the list on (besides status). */
const FIGURE_KEYS = ['nationality', 'sex', 'ageBand', 'registeredFrom', 'registeredTo'] as const;

/** The organisation's cases, newest first, filtered by status and risk, or found by a search. */
export function CaseListPage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const fmt = useFormat();
  const dates = useDates();
  // A dashboard figure links here with ?status=…&nationality=…&sex=…&ageBand=…&registeredFrom=…&registeredTo=… so the
  // list opens on the records behind it; the figure's attributes stay until cleared.
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string[]>(() => params.getAll('status').flatMap((v) => v.split(',')));
  const figure = Object.fromEntries(FIGURE_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const [risk, setRisk] = useState<string[]>([]);
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const cases = useCaseList({
    ...figure,
    status,
    risk,
    assignedTo: mine ? 'me' : undefined,
    q: q || undefined,
    limit: 25,
    cursor,
  });
  const resetPages =
    <T,>(set: (x: T) => void) =>
    (x: T) => {
      set(x);
      setCursors([undefined]);
    };

  return (
    <div>
      <div className="cw-heading-row">
        <h1>{t('cases.title')}</h1>
        <Link to="/casework/register" className="button">
          {t('cases.register')}
        </Link>
      </div>
      <CaseSearch value={q} onSearch={resetPages(setQ)} />
      {Object.keys(figure).length > 0 && (
        <p className="cw-notice muted" data-testid="case-list-figure">
          {t('cases.figure', {
            what: [
              figure.nationality?.split(',').map(fmt.country).join(', '),
              figure.sex && v('sex', figure.sex),
              figure.ageBand && v('ageBand', figure.ageBand),
              (figure.registeredFrom || figure.registeredTo) &&
                t('cases.registeredBetween', { from: figure.registeredFrom ?? '…', to: figure.registeredTo ?? '…' }),
            ]
              .filter(Boolean)
              .join(' · '),
          })}{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              setParams(new URLSearchParams());
              setCursors([undefined]);
            }}
          >
            {t('cases.allCases')}
          </button>
        </p>
      )}
      <details className="cw-filters" open={status.length + risk.length > 0 || undefined}>
        <summary>
          {t('common.filters')}
          {status.length + risk.length > 0 ? ` (${status.length + risk.length})` : ''}
        </summary>
        <FilterChips
          name="status"
          legend={t('cases.status')}
          values={CASE_STATUSES}
          chosen={status}
          label={(s) => v('caseStatus', s)}
          onChange={resetPages(setStatus)}
        />
        <FilterChips
          name="risk"
          legend={t('cases.risk')}
          values={RISK_LEVELS}
          chosen={risk}
          label={(r) => v('risk', r)}
          onChange={resetPages(setRisk)}
        />
        <label className="cw-inline">
          <input type="checkbox" checked={mine} onChange={(e) => resetPages(setMine)(e.target.checked)} />{' '}
          {t('cases.mine')}
        </label>
      </details>
      {cases.isPending ? (
        <LoadingState />
      ) : cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 && q ? (
        <EmptyState title={t('search.empty', { q })}>
          <p>{t('search.emptyBody')}</p>
        </EmptyState>
      ) : cases.data.items.length === 0 ? (
        <EmptyState title={status.length + risk.length > 0 || mine ? t('cases.noMatch') : t('cases.empty')}>
          <p>{t('cases.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="cw-cards" data-testid="case-list">
            {cases.data.items.map((c) => (
              <li key={c.id} className="cw-card">
                <Link to={`/casework/cases/${c.id}`} className="cw-card-link">
                  <span className="cw-card-title">{c.preferredName ?? t('common.unnamed')}</span>
                  <span className={`cw-risk cw-risk--${c.riskLevel}`}>{v('risk', c.riskLevel)}</span>
                </Link>
                <p className="cw-meta">
                  <span className="cw-status">{v('caseStatus', c.status)}</span>
                  <span>
                    {v('sex', c.sex)}
                    {c.ageBand ? ` · ${v('ageBand', c.ageBand)}` : ''}
                  </span>
                  <span>{c.nationalities.map(fmt.country).join(', ') || t('common.nationalityUnknown')}</span>
                  <span>{v('documentStatus', c.documentStatus)}</span>
                  <span className="muted">{t('cases.updated', { when: dates.date(c.updatedAt) })}</span>
                </p>
              </li>
            ))}
          </ul>
          <Pager cursors={cursors} nextCursor={cases.data.nextCursor} onChange={setCursors} />
        </>
      )}
    </div>
  );
}
