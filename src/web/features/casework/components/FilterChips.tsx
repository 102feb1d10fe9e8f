/** A compact multi-choice filter: a fieldset of toggle chips (values within one filter are alternatives). */
export function FilterChips({
  name,
  legend,
  values,
  chosen,
  label,
  onChange,
}: {
  name: string;
  legend: string;
  values: readonly string[];
  chosen: readonly string[];
  label: (v: string) => string;
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="cw-filter" id={`filter-${name}`}>
      <legend>{legend}</legend>
      <div className="cw-chip-row">
        {values.map((v) => {
          const on = chosen.includes(v);
          return (
            <label key={v} className={`cw-chip cw-chip--small${on ? ' cw-chip--on' : ''}`}>
              <input
                type="checkbox"
                name={name}
                value={v}
                checked={on}
                onChange={() => onChange(on ? chosen.filter((c) => c !== v) : [...chosen, v])}
              />
              <span>{label(v)}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
