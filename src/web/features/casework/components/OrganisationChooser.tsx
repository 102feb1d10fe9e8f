import { useTranslation } from 'react-i18next';
import { useKnownOrganisations } from '../casework-api.ts';

/** Choose organisations (several, or one with `single`) from the directory of responders. */
export function OrganisationChooser({
  label,
  explanation,
  value,
  onChange,
  single = false,
  name = 'organisations',
}: {
  label: string;
  explanation?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  single?: boolean;
  name?: string;
}) {
  const { t } = useTranslation('casework');
  const known = useKnownOrganisations();
  const list = known.data ?? [];
  const toggle = (id: string) => {
    if (single) onChange(value.includes(id) ? [] : [id]);
    else onChange(value.includes(id) ? value.filter((v) => v !== id) : [...value, id]);
  };
  return (
    <fieldset className="cw-choices cw-orgs" id={`field-${name}`}>
      <legend>{label}</legend>
      {explanation && <p className="field-hint">{explanation}</p>}
      {list.length === 0 && !known.isPending && <p className="muted small">{t('organisations.noneKnown')}</p>}
      <div className="cw-chip-row">
        {list.map((o) => (
          <label key={o.id} className={`cw-chip${value.includes(o.id) ? ' cw-chip--on' : ''}`}>
            <input
              type={single ? 'radio' : 'checkbox'}
              name={`${name}-choice`}
              checked={value.includes(o.id)}
              onChange={() => toggle(o.id)}
              data-organisation-id={o.id}
            />
            <span>
              {o.name} <span className="muted small">· {t(`orgKind.${o.kind}`, { defaultValue: o.kind })}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
