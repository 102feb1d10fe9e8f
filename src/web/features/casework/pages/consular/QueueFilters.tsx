import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsularQueue } from '../../../../../contracts/casework/index.ts';
import { CONSULAR_SORTS } from '../../../../../contracts/casework/index.ts';
import { EMERGENCY_DOCUMENT_STATUSES, EXIT_CLEARANCE_STATUSES } from '../../../../../core/cases/consular.ts';
import { DOCUMENT_STATUSES } from '../../../../../core/vocabulary.ts';
import { narrowScreen } from '../../../../components/screen.ts';
import { useVocab, type VocabFamily } from '../../components/vocab.ts';

/** The queue's filters as the API takes them ('' = any). `flight` is '', 'none', 'booked' or "NUMBER@DATE". */
export interface QueueFilterState {
  q: string;
  /** From a dashboard figure (?nationality=…&status=…): one nationality and one case status, '' = any. */
  nationality: string;
  status: string;
  documentStatus: string;
  emergencyDocument: string;
  exitClearance: string;
  ready: string;
  flight: string;
  sort: (typeof CONSULAR_SORTS)[number];
}
export const NO_FILTERS: QueueFilterState = {
  q: '',
  nationality: '',
  status: '',
  documentStatus: '',
  emergencyDocument: '',
  exitClearance: '',
  ready: '',
  flight: '',
  sort: 'newest',
};

/** The query parameters of a filter state. */
export function queueParams(f: QueueFilterState) {
  const [flightNumber, flightDate] = f.flight.includes('@') ? f.flight.split('@') : [undefined, undefined];
  return {
    q: f.q || undefined,
    nationality: f.nationality || undefined,
    status: f.status || undefined,
    documentStatus: f.documentStatus || undefined,
    emergencyDocument: f.emergencyDocument || undefined,
    exitClearance: f.exitClearance || undefined,
    ready: f.ready || undefined,
    flight: f.flight === 'none' || f.flight === 'booked' ? f.flight : undefined,
    flightNumber,
    flightDate,
    sort: f.sort,
  };
}

/**
 * Search (sent on Enter or the button, not per keystroke: every search is audited), filters and
 * sort, all applied by the server to the whole queue.
 */
export function QueueFilters({
  value,
  flights,
  onChange,
}: {
  value: QueueFilterState;
  flights: ConsularQueue['flights'];
  onChange: (f: QueueFilterState) => void;
}) {
  const { t } = useTranslation('casework');
  const v = useVocab();
  const [q, setQ] = useState(value.q);
  // On a phone the filters fold under the search, so the queue itself is on the first screen.
  const [open, setOpen] = useState(() => !narrowScreen());
  const set = (patch: Partial<QueueFilterState>) => onChange({ ...value, ...patch });
  const vocabSelect = (
    key: 'documentStatus' | 'emergencyDocument' | 'exitClearance',
    family: VocabFamily,
    values: readonly string[],
  ) => (
    <div className="field">
      <label htmlFor={`cq-${key}`}>{t(`consular.filter.${key}`)}</label>
      <select id={`cq-${key}`} value={value[key]} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">{t('consular.filter.any')}</option>
        {values.map((s) => (
          <option key={s} value={s}>
            {v(family, s)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="cw-queue-filters">
      <form
        role="search"
        className="cw-row cw-row--end"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim().length >= 2 ? q.trim() : '' });
        }}
      >
        <div className="field">
          <label htmlFor="cq-search">{t('consular.search')}</label>
          <input
            id="cq-search"
            type="search"
            value={q}
            maxLength={100}
            placeholder={t('consular.searchHint')}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value && value.q) set({ q: '' });
            }}
          />
        </div>
        <button type="submit" className="button">
          {t('consular.searchButton')}
        </button>
      </form>
      <details className="cw-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('common.filters')}</summary>
        <div className="cw-row cw-row--end">
          {vocabSelect('documentStatus', 'documentStatus', DOCUMENT_STATUSES)}
          {vocabSelect('emergencyDocument', 'emergencyDocument', EMERGENCY_DOCUMENT_STATUSES)}
          {vocabSelect('exitClearance', 'exitClearance', EXIT_CLEARANCE_STATUSES)}
          <div className="field">
            <label htmlFor="cq-ready">{t('consular.filter.ready')}</label>
            <select id="cq-ready" value={value.ready} onChange={(e) => set({ ready: e.target.value })}>
              <option value="">{t('consular.filter.any')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="cq-flight">{t('consular.filter.flight')}</label>
            <select id="cq-flight" value={value.flight} onChange={(e) => set({ flight: e.target.value })}>
              <option value="">{t('consular.filter.any')}</option>
              <option value="none">{t('consular.filter.noFlight')}</option>
              <option value="booked">{t('consular.filter.anyFlight')}</option>
              {flights.map((f) => (
                <option key={`${f.flightNumber}@${f.date}`} value={`${f.flightNumber}@${f.date}`}>
                  {t('consular.flightOption', { flight: f.flightNumber, date: f.date, count: f.people })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cq-sort">{t('consular.sort.label')}</label>
            <select
              id="cq-sort"
              value={value.sort}
              onChange={(e) => set({ sort: e.target.value as QueueFilterState['sort'] })}
            >
              {CONSULAR_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`consular.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>
    </div>
  );
}
