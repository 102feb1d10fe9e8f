import { useTranslation } from 'react-i18next';
import { ApiError, problemMessage } from '../api-error.ts';
import { serverText } from '../i18n/server-text.ts';

/** The message a person should read for an error: the API's `detail`, or a plain fallback. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('errors.network');
      if (error.status === 429) return t('errors.tooMany');
      return serverText(t, problemMessage(error), error.detail ?? error.title);
    }
    return t('errors.generic');
  };
}

/** A failed load: what went wrong and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div className="error-state" role="alert">
      <h2>{t('errors.generic')}</h2>
      <p>{message(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
