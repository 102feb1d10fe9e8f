import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../session.ts';
import { NewPasswordForm } from './NewPasswordForm.tsx';

/** Change my password: the current one is required; my other sessions are signed out. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const change = useChangePassword();
  return (
    <section className="page">
      <h1>{t('password.title')}</h1>
      <p>{t('password.intro')}</p>
      {change.isSuccess && (
        <p role="status" className="notice">
          {t('password.done', { count: change.data.endedSessions })}
        </p>
      )}
      <NewPasswordForm
        proof={{
          name: 'currentPassword',
          label: t('password.current'),
          type: 'password',
          autoComplete: 'current-password',
        }}
        error={change.error}
        pending={change.isPending}
        submitLabel={t('password.submit')}
        onSubmit={(currentPassword, newPassword, clear) =>
          change.mutate({ currentPassword, newPassword }, { onSuccess: clear })
        }
      />
    </section>
  );
}
