import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from '../../../components/Field.tsx';

/** Labelled <select>, framed like the shell's <Field> so error links land on it. */
export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  ...select
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  ...area
}: { name: string; label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {(control) => <textarea rows={3} {...control} {...area} />}
    </FieldFrame>
  );
}

/** A row of large radio "chips" in a fieldset: one tap per choice on a phone. */
export function ChoiceGroup({
  name,
  legend,
  value,
  options,
  onChange,
  error,
  hint,
}: {
  name: string;
  legend: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <fieldset className={`cw-choices${error ? ' field--invalid' : ''}`} id={`field-${name}`}>
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="cw-chip-row">
        {options.map((o) => (
          <label key={o.value} className={`cw-chip${value === o.value ? ' cw-chip--on' : ''}`}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

/** A checkbox with its label and a plain explanation under it. */
export function CheckField({
  name,
  label,
  explanation,
  checked,
  onChange,
  children,
}: {
  name: string;
  label: string;
  explanation?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  const id = `field-${name}`;
  return (
    <div className="cw-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={explanation ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {explanation && (
          <p id={`${id}-hint`} className="field-hint">
            {explanation}
          </p>
        )}
        {children}
      </div>
    </div>
  );
}
