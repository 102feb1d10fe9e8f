import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MONTH_NAMES } from '../../../i18n/dates.ts';
import { toLanguage } from '../../../i18n/index.ts';

/** Splits "1998-05-03" into its parts; anything else gives empty parts. */
function partsOf(iso: string): { y: string; m: string; d: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? { y: match[1]!, m: String(Number(match[2])), d: String(Number(match[3])) } : { y: '', m: '', d: '' };
}

/**
 * A calendar day as day, month (named in the interface language) and year, in the order the language writes them:
 * a browser's date input shows the device's format (mm/dd/yyyy on an English phone) whatever language the interface
 * is in. `onChange` gets "YYYY-MM-DD", '' when all parts are empty, or the incomplete parts (which the server refuses
 * with the field's own error) so a half-typed date is never dropped silently. The day's id is `field-<name>`, where the
 * error summary links.
 */
export function DayField({
  name,
  legend,
  value,
  onChange,
  error,
  hint,
}: {
  name: string;
  legend: string;
  value: string;
  onChange: (iso: string) => void;
  error?: string;
  hint?: string;
}) {
  const { t, i18n } = useTranslation('casework');
  const language = toLanguage(i18n.language) ?? 'en';
  const [parts, setParts] = useState(() => partsOf(value));
  const id = `field-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const set = (patch: Partial<typeof parts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    if (!next.y && !next.m && !next.d) onChange('');
    else onChange(`${next.y}-${next.m.padStart(2, '0')}-${next.d.padStart(2, '0')}`);
  };
  const common = { 'aria-invalid': error ? true : undefined, 'aria-describedby': described } as const;
  const day = (
    <div className="cw-day-part" key="d">
      <label htmlFor={id}>{t('register.day')}</label>
      <input
        id={id}
        name={`${name}.day`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={2}
        size={2}
        value={parts.d}
        onChange={(e) => set({ d: e.target.value.replace(/\D/g, '') })}
        {...common}
      />
    </div>
  );
  const month = (
    <div className="cw-day-part" key="m">
      <label htmlFor={`${id}-month`}>{t('register.month')}</label>
      <select id={`${id}-month`} value={parts.m} onChange={(e) => set({ m: e.target.value })} {...common}>
        <option value="">–</option>
        {MONTH_NAMES[language].map((label, i) => (
          <option key={label} value={String(i + 1)}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
  const year = (
    <div className="cw-day-part" key="y">
      <label htmlFor={`${id}-year`}>{t('register.year')}</label>
      <input
        id={`${id}-year`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={4}
        size={4}
        value={parts.y}
        onChange={(e) => set({ y: e.target.value.replace(/\D/g, '') })}
        {...common}
      />
    </div>
  );
  return (
    <fieldset className={`field cw-day${error ? ' field--invalid' : ''}`} data-testid={`day-${name}`}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="cw-day-parts">{language === 'zh' ? [year, month, day] : [day, month, year]}</div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
