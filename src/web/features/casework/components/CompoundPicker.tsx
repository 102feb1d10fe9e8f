import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/format.ts';
import { useCompoundLookup } from '../casework-api.ts';

export interface CompoundChoice {
  id: string;
  name: string;
  country: string;
}

/**
 * A compound of the registry, found by any of its names or aliases in any script (the server reads
 * them through core/names), as an ARIA combobox: arrows move through the suggestions, Enter picks,
 * Escape closes. Nothing picked: what was typed is kept as the free-text fallback (or nothing:
 * unknown). `text` without a pick is sent as free text by the caller.
 */
export function CompoundPicker({
  name,
  label,
  hint,
  text,
  onText,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  text: string;
  onText: (s: string) => void;
  value: CompoundChoice | null;
  onChange: (c: CompoundChoice | null) => void;
  error?: string;
}) {
  const { t } = useTranslation('casework');
  const fmt = useFormat();
  const listId = useId();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const lookup = useCompoundLookup(value ? '' : text);
  const items = open && !value ? (lookup.data?.items ?? []) : [];
  const pick = (i: number) => {
    const c = items[i];
    if (!c) return;
    onChange({ id: c.id, name: c.name, country: c.country });
    setOpen(false);
  };
  return (
    <div className={`field cw-picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {value ? (
        <p className="cw-chip-row">
          <button
            type="button"
            className="cw-chip cw-chip--on"
            data-testid="compound-chosen"
            onClick={() => onChange(null)}
            aria-label={t('register.remove', { item: value.name })}
          >
            {value.name} <span className="muted small">{fmt.country(value.country)}</span>{' '}
            <span aria-hidden="true">×</span>
          </button>
        </p>
      ) : (
        <>
          <input
            id={`field-${name}`}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-describedby={hint ? hintId : undefined}
            aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            value={text}
            maxLength={300}
            autoComplete="off"
            onChange={(e) => {
              onText(e.target.value);
              setOpen(true);
              setActive(0);
            }}
            onBlur={() => setOpen(false)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
                setActive((a) => Math.min(a + 1, Math.max(0, items.length - 1)));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(0, a - 1));
              } else if (e.key === 'Enter' && items.length > 0) {
                e.preventDefault();
                pick(active);
              } else if (e.key === 'Escape') {
                setOpen(false);
              }
            }}
          />
          <ul id={listId} role="listbox" aria-label={t('register.compoundSuggestions')} className="cw-listbox">
            {items.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'cw-option cw-option--active' : 'cw-option'}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the input's focus until the pick
                  pick(i);
                }}
              >
                {c.name}
                {c.matched !== c.name && <span className="muted small"> · {c.matched}</span>}
                <span className="muted small"> · {fmt.country(c.country)}</span>
              </li>
            ))}
          </ul>
          {hint && (
            <p id={hintId} className="field-hint">
              {text.trim() && !value ? t('register.compoundFreeText') : hint}
            </p>
          )}
        </>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
