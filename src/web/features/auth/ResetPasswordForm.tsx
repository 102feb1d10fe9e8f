import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useResetPassword } from '../../session.ts';

/** A new password with the one-time reset code an administrator gave (by phone or in person). */
export function ResetPasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ code: code.trim(), newPassword });
  };
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
      <ErrorSummary error={reset.error} fieldLabels={{ code: t('reset.code'), newPassword: t('password.new') }} />
      <form onSubmit={submit} noValidate className="form">
        <Field
          name="code"
          label={t('reset.code')}
          autoComplete="off"
          autoCapitalize="characters"
          autoFocus
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError(reset.error, 'code')}
        />
        <Field
          name="newPassword"
          label={t('password.new')}
          hint={t('password.rules')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={fieldError(reset.error, 'newPassword')}
        />
        <button type="submit" className="button button--primary" disabled={reset.isPending}>
          {t('reset.submit')}
        </button>
      </form>
      <button type="button" className="button button--link" onClick={onDone}>
        {t('reset.back')}
      </button>
    </>
  );
}
