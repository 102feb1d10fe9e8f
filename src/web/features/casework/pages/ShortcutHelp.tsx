import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIAGE_SHORTCUTS } from '../../../../core/triage/board.ts';

/** The shortcut map core/triage exports, translated by action (its English description is the fallback). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('casework');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const describe = (action: string, description: string) => {
    if (action.startsWith('toggle_kind:')) {
      const kind = action.slice('toggle_kind:'.length);
      return t('shortcuts.toggle_kind', { kind: t(`vocab.needKind.${kind}`, { defaultValue: kind }) });
    }
    return t(`shortcuts.${action}`, { defaultValue: description });
  };
  return (
    <div
      className="cw-help panel"
      role="dialog"
      aria-labelledby="shortcut-title"
      tabIndex={-1}
      ref={ref}
      data-testid="shortcut-help"
    >
      <div className="cw-panel-head">
        <h2 id="shortcut-title">{t('triage.shortcuts')}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="cw-shortcuts">
        {TRIAGE_SHORTCUTS.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key === 'Escape' ? 'Esc' : s.key}</kbd>
            </dt>
            <dd>{describe(s.action, s.description)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
