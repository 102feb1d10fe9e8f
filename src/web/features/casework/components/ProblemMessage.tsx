import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.ts';

/** The API's refusal in words (its detail, and each field's reason), next to the control that caused it. */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('casework');
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  return (
    <div className="cw-problem" role="alert">
      <strong>{t('common.refused')}</strong> {api?.detail ?? api?.title ?? String((error as Error).message ?? error)}
      {api && api.invalidParams.length > 0 && (
        <ul>
          {api.invalidParams.map((p) => (
            <li key={p.name}>
              {p.name.replace(/^body\./, '')}: {p.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
