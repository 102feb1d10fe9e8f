import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldReasonText } from '../api-error.ts';
import { useErrorMessage } from './ErrorState.tsx';

/**
 * Shown above a form after a failed submit: the problem's detail and each field reason, with links
 * to the fields. It takes focus so keyboard and screen-reader users land on it (and it is aria-live).
 */
export function ErrorSummary({ error, fieldLabels = {} }: { error: unknown; fieldLabels?: Record<string, string> }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return <div aria-live="assertive" />;
  const params = error instanceof ApiError ? error.invalidParams : [];
  return (
    <div ref={ref} className="error-summary" role="alert" aria-live="assertive" tabIndex={-1}>
      <h2>{t('errors.summaryTitle')}</h2>
      <p>{message(error)}</p>
      {params.length > 0 && (
        <ul>
          {params.map((p) => {
            const field = p.name.replace(/^(body|query|params|querystring)\./, '');
            return (
              <li key={p.name}>
                <a href={`#field-${field}`}>{fieldLabels[field] ?? field}</a>: {fieldReasonText(p)}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
