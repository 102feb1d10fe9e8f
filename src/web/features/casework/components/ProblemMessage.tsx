import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.ts';
import { fieldReasonText } from '../../../api-error.ts';
import { useErrorMessage } from '../../../components/ErrorState.tsx';

/** The API's refusal in words (its detail, and each field's reason), next to the control that caused it. */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('casework');
  const message = useErrorMessage();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  // Someone else changed the record since this page loaded it: nothing was saved; the page now shows their change.
  if (api?.status === 409 && api.currentVersion !== undefined)
    return (
      <div className="cw-problem" role="alert" data-testid="edit-conflict">
        <strong>{t('common.refused')}</strong> {t('common.editConflict')}
      </div>
    );
  return (
    <div className="cw-problem" role="alert">
      <strong>{t('common.refused')}</strong> {api ? message(api) : String((error as Error).message ?? error)}
      {api && api.invalidParams.length > 0 && (
        <ul>
          {api.invalidParams.map((p) => (
            <li key={p.name}>
              {p.name.replace(/^body\./, '')}: {fieldReasonText(p)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
