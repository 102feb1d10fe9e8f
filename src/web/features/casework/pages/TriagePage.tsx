import { useEffect, useMemo, useRef, useState } from 'react';
import { narrowScreen } from '../../../components/screen.ts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TRIAGE_SHORTCUTS } from '../../../../core/triage/board.ts';
import { AGE_BANDS, LOCATION_KINDS, NEED_KINDS, type NeedKind } from '../../../../core/vocabulary.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../components/format.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { CountryPicker } from '../components/CountryPicker.tsx';
import { FilterChips } from '../components/FilterChips.tsx';
import { useTriageBoard, useUpdateNeed } from '../casework-api.ts';
import { Pager } from '../components/Pager.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { useVocab } from '../components/vocab.ts';
import { useServerText } from '../../../i18n/server-text.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';

type SortKey = 'urgency' | 'waiting';

/** Open needs across the organisation's cases, most urgent first (the server's core/triage order). */
export function TriagePage() {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const serverText = useServerText();
  const fmt = useFormat();
  const navigate = useNavigate();
  // A dashboard figure links here with ?kind=… so the board opens filtered to the needs behind it.
  const [params] = useSearchParams();
  const [kinds, setKinds] = useState<string[]>(() => params.getAll('kind'));
  const [nationalities, setNationalities] = useState<string[]>([]);
  const [locationKinds, setLocationKinds] = useState<string[]>([]);
  const [ageBands, setAgeBands] = useState<string[]>([]);
  // On a phone the filters start folded, so the list is on the first screen; a filter given in the address opens them.
  const [filtersOpen, setFiltersOpen] = useState(() => kinds.length > 0 || !narrowScreen());
  const [sort, setSort] = useState<SortKey>('urgency');
  const [limit, setLimit] = useState(100);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  const rows = useRef<HTMLTableSectionElement>(null);
  const board = useTriageBoard({
    kind: kinds,
    nationality: nationalities,
    locationKind: locationKinds,
    ageBand: ageBands,
    limit,
    cursor: cursors[cursors.length - 1],
  });
  const setNeed = useUpdateNeed();
  const items = useMemo(() => {
    const list = [...(board.data?.items ?? [])];
    if (sort === 'waiting') list.sort((a, b) => b.waitingHours - a.waitingHours);
    return list;
  }, [board.data, sort]);
  const filtered = kinds.length + nationalities.length + locationKinds.length + ageBands.length > 0;
  const restart =
    <T,>(set: (x: T) => void) =>
    (x: T) => {
      set(x);
      setCursors([undefined]);
      setSelected(0);
    };
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((x) => x !== value) : [...list, value];

  // Keyboard shortcuts from core/triage (data only); ignored while typing in a field.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return;
      const shortcut = TRIAGE_SHORTCUTS.find((s) => s.key === e.key);
      if (!shortcut) return;
      e.preventDefault();
      const current = items[selected];
      const action = shortcut.action;
      if (action === 'next') setSelected((i) => Math.min(items.length - 1, i + 1));
      else if (action === 'previous') setSelected((i) => Math.max(0, i - 1));
      else if (action === 'accept' && current) setNeed.mutate({ id: current.needId, body: { status: 'in_progress' } });
      else if (action === 'mark_met' && current) setNeed.mutate({ id: current.needId, body: { status: 'met' } });
      else if (action === 'open_case' && current) void navigate(`/casework/cases/${current.caseId}`);
      else if (action === 'refer' && current) void navigate(`/casework/cases/${current.caseId}#referrals`);
      else if (action === 'search') document.getElementById('field-triage-nationality')?.focus();
      else if (action === 'toggle_under_18') restart(setAgeBands)(toggle(ageBands, 'under_18'));
      else if (action === 'clear_filters') {
        restart(setKinds)([]);
        setNationalities([]);
        setLocationKinds([]);
        setAgeBands([]);
        setHelp(false);
      } else if (action === 'help') setHelp((h) => !h);
      else if (action.startsWith('toggle_kind:'))
        restart(setKinds)(toggle(kinds, action.slice('toggle_kind:'.length) as NeedKind));
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  // The page follows the selection when the keys move it; arriving on the board selects the first row but does not
  // scroll to it (a tall header pushed that row off a desktop screen and the page jumped after it loaded).
  const shown = useRef(selected);
  useEffect(() => {
    if (shown.current === selected) return;
    shown.current = selected;
    rows.current?.querySelector<HTMLElement>(`[data-row="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <div className="cw-triage">
      <div className="cw-heading-row">
        <h1>{t('triage.title')}</h1>
        <button type="button" className="button cw-keyboard-only" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('triage.shortcuts')}
        </button>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <details className="cw-filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>{t('common.filters')}</summary>
        <FilterChips
          name="kind"
          legend={t('triage.kind')}
          values={NEED_KINDS}
          chosen={kinds}
          label={(k) => v('needKind', k)}
          onChange={restart(setKinds)}
        />
        <CountryPicker
          name="triage-nationality"
          label={t('triage.nationality')}
          value={nationalities}
          onChange={restart(setNationalities)}
          max={20}
        />
        <FilterChips
          name="locationKind"
          legend={t('triage.locationKind')}
          values={LOCATION_KINDS}
          chosen={locationKinds}
          label={(k) => v('locationKind', k)}
          onChange={restart(setLocationKinds)}
        />
        <FilterChips
          name="ageBand"
          legend={t('triage.ageBand')}
          values={AGE_BANDS}
          chosen={ageBands}
          label={(k) => v('ageBand', k)}
          onChange={restart(setAgeBands)}
        />
        <div className="cw-row">
          <div className="field">
            <label htmlFor="field-triage-sort">{t('triage.sort')}</label>
            <select id="field-triage-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="urgency">{t('triage.sortUrgency')}</option>
              <option value="waiting">{t('triage.sortWaiting')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="field-triage-limit">{t('triage.perPage')}</label>
            <select id="field-triage-limit" value={limit} onChange={(e) => restart(setLimit)(Number(e.target.value))}>
              {[50, 100, 200].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>
      <ProblemMessage error={setNeed.error} />
      {board.isPending ? (
        <LoadingState />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? t('triage.noMatch') : t('triage.empty')}>
          <p>{t('triage.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="small muted cw-keyboard-only">{t('triage.hint')}</p>
          <table className="cw-table" data-testid="triage-board">
            <thead>
              <tr>
                <th scope="col">{t('triage.need')}</th>
                <th scope="col">{t('triage.person')}</th>
                <th scope="col">{t('triage.waiting')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={rows}>
              {items.map((n, i) => (
                <tr
                  key={n.needId}
                  data-row={i}
                  className={`cw-tier-${Math.min(n.tier, 4)}${i === selected ? ' cw-selected' : ''}`}
                  aria-selected={i === selected}
                  onClick={() => setSelected(i)}
                >
                  <td>
                    <strong>{v('needKind', n.kind)}</strong>{' '}
                    <span className={`cw-prio cw-prio--${n.effectivePriority}`}>
                      {v('needPriority', n.effectivePriority)}
                    </span>
                    <div className="small muted">{serverText(n.explanationMessage, n.explanation)}</div>
                  </td>
                  <td>
                    {n.preferredName && <strong className="cw-person-name">{n.preferredName} · </strong>}
                    {v('sex', n.survivor.sex)}
                    {n.survivor.ageBand ? ` · ${v('ageBand', n.survivor.ageBand)}` : ''}
                    <div className="small muted">
                      {n.survivor.nationalities.map(fmt.country).join(', ') || '—'} ·{' '}
                      {v('locationKind', n.survivor.locationKind)}
                    </div>
                  </td>
                  <td>
                    {n.waitingHours >= 48
                      ? t('triage.days', { n: Math.floor(n.waitingHours / 24) })
                      : t('triage.hours', { n: n.waitingHours })}
                    <div className="small muted">{v('needStatus', n.status)}</div>
                  </td>
                  <td className="cw-actions">
                    <Link to={`/casework/cases/${n.caseId}`} className="button">
                      {t('triage.open')}
                    </Link>
                    {n.status === 'open' && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => setNeed.mutate({ id: n.needId, body: { status: 'in_progress' } })}
                      >
                        {t('triage.accept')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            cursors={cursors}
            nextCursor={board.data.nextCursor}
            onChange={(c) => {
              setCursors(c);
              setSelected(0);
            }}
          />
        </>
      )}
    </div>
  );
}
