import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import { NAME_SCRIPTS, guessScript } from '../components/script-guess.ts';

export interface NameRow {
  value: string;
  script: string;
  romanisation: boolean;
  preferred: boolean;
}

/**
 * Names as the survivor writes them, in any script, plus romanisations. The script is guessed as
 * the name is typed (and can be changed); exactly one name is marked preferred.
 */
export function NamesEditor({
  names,
  onChange,
  error,
}: {
  names: NameRow[];
  onChange: (names: NameRow[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('casework');
  const set = (i: number, patch: Partial<NameRow>) => onChange(names.map((n, j) => (j === i ? { ...n, ...patch } : n)));
  const prefer = (i: number) => onChange(names.map((n, j) => ({ ...n, preferred: j === i })));
  const remove = (i: number) => {
    const rest = names.filter((_, j) => j !== i);
    if (!rest.some((n) => n.preferred) && rest[0]) rest[0] = { ...rest[0], preferred: true };
    onChange(rest);
  };
  return (
    <fieldset className={`cw-choices cw-names${error ? ' field--invalid' : ''}`} id="field-names">
      <legend>{t('register.names')}</legend>
      <p className="field-hint">{t('register.namesHint')}</p>
      {names.map((n, i) => (
        <div className="cw-name" key={i} data-testid={`name-row-${i}`}>
          <Field
            name={`name-${i}`}
            label={i === 0 ? t('register.name') : t('register.otherName', { n: i + 1 })}
            value={n.value}
            autoComplete="off"
            maxLength={200}
            onChange={(e) => {
              const guessed = guessScript(e.target.value);
              set(i, { value: e.target.value, script: guessed === 'Hani' ? 'Hans' : (guessed ?? n.script) });
            }}
          />
          <div className="cw-name-options">
            <label className="cw-inline">
              <span>{t('register.script')}</span>
              <select
                value={n.script}
                onChange={(e) => set(i, { script: e.target.value })}
                aria-label={t('register.scriptOf', { n: i + 1 })}
              >
                <option value="">—</option>
                {NAME_SCRIPTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`scripts.${s}`, { defaultValue: s })}
                  </option>
                ))}
              </select>
            </label>
            <label className="cw-inline">
              <input
                type="checkbox"
                checked={n.romanisation}
                onChange={(e) => set(i, { romanisation: e.target.checked })}
              />
              <span>{t('register.romanisation')}</span>
            </label>
            <label className="cw-inline">
              <input type="radio" name="preferred-name" checked={n.preferred} onChange={() => prefer(i)} />
              <span>{t('register.preferred')}</span>
            </label>
            {names.length > 1 && (
              <button type="button" className="button--link" onClick={() => remove(i)}>
                {t('common.remove')}
              </button>
            )}
          </div>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      {names.length < 12 && (
        <button
          type="button"
          className="button"
          data-testid="add-name"
          onClick={() =>
            onChange([...names, { value: '', script: '', romanisation: names.length > 0, preferred: false }])
          }
        >
          {t('register.addName')}
        </button>
      )}
    </fieldset>
  );
}
