import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/format.ts';
import { searchCountries } from './countries.ts';

const english = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return undefined;
  }
})();

/**
 * Pick one or more nationalities: chosen ones show as removable chips; typing filters every ISO code
 * by code or name (in the interface language or English). Enter picks the first match.
 */
export function CountryPicker({
  name,
  label,
  value,
  onChange,
  max = 5,
  error,
}: {
  name: string;
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  max?: number;
  error?: string;
}) {
  const { t } = useTranslation('casework');
  const fmt = useFormat();
  const [query, setQuery] = useState('');
  const listId = useId();
  const matches = useMemo(
    () =>
      searchCountries(query, fmt.country, (c) => english?.of(c) ?? c)
        .filter((c) => !value.includes(c))
        .slice(0, query ? 8 : 6),
    [query, value, fmt],
  );
  const add = (code: string) => {
    if (value.length >= max || value.includes(code)) return;
    onChange([...value, code]);
    setQuery('');
  };
  return (
    <div className={`field cw-picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {value.length > 0 && (
        <ul className="cw-chip-row" aria-label={t('register.chosen')}>
          {value.map((c) => (
            <li key={c}>
              <button
                type="button"
                className="cw-chip cw-chip--on"
                onClick={() => onChange(value.filter((v) => v !== c))}
                aria-label={t('register.remove', { item: fmt.country(c) })}
              >
                {fmt.country(c)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`field-${name}`}
        type="search"
        value={query}
        autoComplete="off"
        placeholder={t('register.searchCountry')}
        aria-controls={listId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && query.trim()) {
            e.preventDefault();
            if (matches[0]) add(matches[0]);
          }
        }}
      />
      <ul id={listId} className="cw-chip-row" aria-label={t('register.suggestions')}>
        {matches.map((c) => (
          <li key={c}>
            <button
              type="button"
              className="cw-chip"
              data-code={c}
              onClick={() => add(c)}
              disabled={value.length >= max}
            >
              {fmt.country(c)} <span className="muted small">{c}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
