import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKnownOrganisations, UUID } from './organisations.ts';

/**
 * Choose organisations (several, or one with `single`): those this organisation already works
 * with are listed; any other can be added by its id (the API has no directory yet).
 */
export function OrganisationChooser({ label, explanation, value, onChange, single = false, name = 'organisations' }: {
  label: string; explanation?: string; value: string[]; onChange: (ids: string[]) => void; single?: boolean; name?: string;
}) {
  const { t } = useTranslation('casework');
  const known = useKnownOrganisations();
  const [pasted, setPasted] = useState('');
  const [pastedError, setPastedError] = useState<string>();
  const list = known.data ?? [];
  const extra = value.filter((id) => !list.some((o) => o.id === id));
  const toggle = (id: string) => {
    if (single) onChange(value.includes(id) ? [] : [id]);
    else onChange(value.includes(id) ? value.filter((v) => v !== id) : [...value, id]);
  };
  const addPasted = () => {
    const id = pasted.trim().toLowerCase();
    if (!UUID.test(id)) {
      setPastedError(t('organisations.badId'));
      return;
    }
    setPastedError(undefined);
    setPasted('');
    if (!value.includes(id)) onChange(single ? [id] : [...value, id]);
  };
  return (
    <fieldset className="cw-choices cw-orgs" id={`field-${name}`}>
      <legend>{label}</legend>
      {explanation && <p className="field-hint">{explanation}</p>}
      {list.length === 0 && !known.isPending && <p className="muted small">{t('organisations.noneKnown')}</p>}
      <div className="cw-chip-row">
        {list.map((o) => (
          <label key={o.id} className={`cw-chip${value.includes(o.id) ? ' cw-chip--on' : ''}`}>
            <input type={single ? 'radio' : 'checkbox'} name={`${name}-choice`} checked={value.includes(o.id)} onChange={() => toggle(o.id)} data-organisation-id={o.id} />
            <span>{o.name} <span className="muted small">· {t(`orgKind.${o.kind}`, { defaultValue: o.kind })}</span></span>
          </label>
        ))}
        {extra.map((id) => (
          <button key={id} type="button" className="cw-chip cw-chip--on" onClick={() => toggle(id)} aria-label={t('register.remove', { item: id })}>
            <code>{id.slice(0, 8)}…</code> <span aria-hidden="true">×</span>
          </button>
        ))}
      </div>
      <div className="cw-row cw-row--end">
        <div className={`field${pastedError ? ' field--invalid' : ''}`}>
          <label htmlFor={`field-${name}-id`}>{t('organisations.byId')}</label>
          <input id={`field-${name}-id`} value={pasted} onChange={(e) => setPasted(e.target.value)} autoComplete="off" spellCheck={false}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && pasted.trim()) {
                e.preventDefault();
                addPasted();
              }
            }} />
          {pastedError && <p className="field-error">{pastedError}</p>}
        </div>
        <button type="button" className="button" onClick={addPasted} disabled={!pasted.trim()}>{t('organisations.add')}</button>
      </div>
    </fieldset>
  );
}
