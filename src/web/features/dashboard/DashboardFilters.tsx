import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetURLSearchParams } from 'react-router';
import { AGE_BANDS, SEXES } from '../../../core/vocabulary.ts';

export const FILTER_KEYS = ['nationality', 'sex', 'ageBand', 'from', 'to'] as const;

/** The page-wide filters, kept in the address so a filtered view can be shared and reloaded. */
export function DashboardFilters({ params, setParams }: { params: URLSearchParams; setParams: SetURLSearchParams }) {
  const { t } = useTranslation('dashboard');
  const { t: cw } = useTranslation('casework');
  const active = FILTER_KEYS.some((key) => params.get(key));
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = String(form.get(key) ?? '').trim();
      if (v) next.set(key, key === 'nationality' ? v.toUpperCase() : v);
    }
    setParams(next);
  };
  return (
    // Keyed by the address so that "Clear filters" and back/forward reset the fields too.
    <form className="dash-filters" onSubmit={apply} aria-label={t('filters')} key={params.toString()}>
      <label>
        {t('nationality')}
        <input
          name="nationality"
          defaultValue={params.get('nationality') ?? ''}
          maxLength={2}
          size={4}
          pattern="[A-Za-z]{2}"
          title={t('nationalityHint')}
        />
      </label>
      <label>
        {t('sex')}
        <select name="sex" defaultValue={params.get('sex') ?? ''}>
          <option value="">{t('any')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {cw(`vocab.sex.${s}`, { defaultValue: s })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ageBand')}
        <select name="ageBand" defaultValue={params.get('ageBand') ?? ''}>
          <option value="">{t('any')}</option>
          {AGE_BANDS.map((b) => (
            <option key={b} value={b}>
              {cw(`vocab.ageBand.${b}`, { defaultValue: b })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('from')}
        <input type="month" name="from" defaultValue={params.get('from') ?? ''} />
      </label>
      <label>
        {t('to')}
        <input type="month" name="to" defaultValue={params.get('to') ?? ''} />
      </label>
      <div className="dash-filter-actions">
        <button type="submit" className="button button--primary">
          {t('apply')}
        </button>
        {active && (
          <button type="button" className="button" onClick={() => setParams(new URLSearchParams())}>
            {t('clear')}
          </button>
        )}
      </div>
    </form>
  );
}
