import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useChangePassword } from '../../session.ts';

/** Change my password: the current one is required; my other sessions are signed out. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };
  return (
    <section className="page">
      <h1>{t('password.title')}</h1>
      <p>{t('password.intro')}</p>
      {change.isSuccess && (
        <p role="status" className="notice">
          {t('password.done', { count: change.data.endedSessions })}
        </p>
      )}
      <ErrorSummary
        error={change.error}
        fieldLabels={{ currentPassword: t('password.current'), newPassword: t('password.new') }}
      />
      <form onSubmit={submit} noValidate className="form">
        <Field
          name="currentPassword"
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldError(change.error, 'currentPassword')}
        />
        <Field
          name="newPassword"
          label={t('password.new')}
          hint={t('password.rules')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={fieldError(change.error, 'newPassword')}
        />
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
