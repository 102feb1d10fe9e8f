import { useTranslation } from 'react-i18next';
import type { CompoundStatus } from '../../../core/vocabulary.ts';
import { STATUS_COLOURS, STATUS_TEXT } from './status-colours.ts';

/** A compound status as a coloured badge with its translated name (the colour is never the only cue). */
export function StatusBadge({ status, testId }: { status: CompoundStatus; testId?: string }) {
  const { t } = useTranslation('monitoring');
  return (
    <span
      className="status-badge"
      data-status={status}
      data-testid={testId}
      style={{ background: STATUS_COLOURS[status], color: STATUS_TEXT[status] }}
    >
      {t(`status.${status}`)}
    </span>
  );
}
