import { useTranslation } from 'react-i18next';
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../core/vocabulary.ts';
import { STATUS_COLOURS } from './status-colours.ts';

/** The legend is the filter: one checkbox per status, with its colour and how many compounds have it. */
export function StatusFilter({
  shown,
  counts,
  onChange,
}: {
  shown: ReadonlySet<CompoundStatus>;
  counts: Partial<Record<CompoundStatus, number>>;
  onChange: (next: Set<CompoundStatus>) => void;
}) {
  const { t } = useTranslation('monitoring');
  const toggle = (s: CompoundStatus, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(s);
    else next.delete(s);
    onChange(next);
  };
  return (
    <fieldset className="status-filter">
      <legend>{t('filter.legend')}</legend>
      <ul>
        {COMPOUND_STATUSES.map((s) => (
          <li key={s}>
            <label>
              <input type="checkbox" checked={shown.has(s)} onChange={(e) => toggle(s, e.target.checked)} />
              <span className="swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
              <span>{t(`status.${s}`)}</span>
              <span className="count">{counts[s] ?? 0}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="filter-actions">
        <button type="button" className="button--link" onClick={() => onChange(new Set(COMPOUND_STATUSES))}>
          {t('filter.all')}
        </button>
        <button type="button" className="button--link" onClick={() => onChange(new Set())}>
          {t('filter.none')}
        </button>
      </div>
    </fieldset>
  );
}
