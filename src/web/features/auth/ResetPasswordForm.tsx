import { useTranslation } from 'react-i18next';
import { useResetPassword } from '../../session.ts';
import { NewPasswordForm } from './NewPasswordForm.tsx';

/** A new password with the one-time reset code an administrator gave (by phone or in person). */
export function ResetPasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  if (reset.isSuccess) {
    return (
      <>
        <p role="status">{t('reset.done')}</p>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('signIn.submit')}
        </button>
      </>
    );
  }
  return (
    <>
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.intro')}</p>
      <NewPasswordForm
        proof={{
          name: 'code',
          label: t('reset.code'),
          autoComplete: 'off',
          autoCapitalize: 'characters',
          autoFocus: true,
        }}
        error={reset.error}
        pending={reset.isPending}
        submitLabel={t('reset.submit')}
        onSubmit={(code, newPassword) => reset.mutate({ code: code.trim(), newPassword })}
      />
      <button type="button" className="button button--link" onClick={onDone}>
        {t('reset.back')}
      </button>
    </>
  );
}
