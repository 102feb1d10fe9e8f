import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnline, useOutbox } from './use-outbox.ts';
import './offline.css';

/** Always in the header: how many field records this device has not yet sent, and whether it is offline. */
export function OfflineIndicator() {
  const { t } = useTranslation('offline');
  const { unsynced, ready } = useOutbox();
  const online = useOnline();
  return (
    <Link
      to="/field"
      className={`offline-indicator${unsynced > 0 ? ' offline-indicator-waiting' : ''}`}
      data-testid="outbox-indicator"
      data-unsynced={ready ? unsynced : undefined}
      aria-live="polite"
    >
      {!online && <span className="offline-indicator-off">{t('offline')} · </span>}
      {unsynced > 0 ? t('indicator', { count: unsynced }) : t('indicatorNone')}
    </Link>
  );
}
