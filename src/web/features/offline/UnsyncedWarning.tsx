import { useTranslation } from 'react-i18next';
import { downloadExport } from './outbox.ts';

/**
 * Asked before signing out or clearing the device while records have not reached the server: export them as an
 * encrypted file (importable later with the same PIN), go on anyway, or stay.
 */
export function UnsyncedWarning({
  count,
  onProceed,
  onCancel,
}: {
  count: number;
  onProceed: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('offline');
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="unsynced-warning" className="unsynced-warning">
      <p id="unsynced-warning">{t('unsyncedWarning', { count })}</p>
      <div className="unsynced-warning-actions">
        <button type="button" className="button" onClick={() => downloadExport()}>
          {t('export')}
        </button>
        <button type="button" className="button" onClick={onProceed}>
          {t('leaveAnyway')}
        </button>
        <button type="button" className="button button--link" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
