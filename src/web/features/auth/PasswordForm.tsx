import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useSignIn } from '../../session.ts';
import { DemoAccounts } from './DemoAccounts.tsx';

export function PasswordForm() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  // The server words a failed sign-in in English; say it in the reader's language instead.
  // Memoised: a new error object would make the summary take focus again on every keystroke.
  const error = useMemo(
    () =>
      signIn.error instanceof ApiError && signIn.error.status === 401
        ? new ApiError(401, signIn.error.title, t('signIn.wrong'))
        : signIn.error,
    [signIn.error, t],
  );
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <ErrorSummary error={error} fieldLabels={{ email: t('signIn.email'), password: t('signIn.password') }} />
      {/* noValidate: the server's reasons are shown next to each field, the same way for every form. */}
      <form onSubmit={submit} noValidate className="form">
        <Field
          name="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(signIn.error, 'email')}
        />
        <Field
          name="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(signIn.error, 'password')}
        />
        <button type="submit" className="button button--primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <DemoAccounts
        onPick={(e, p) => {
          setEmail(e);
          setPassword(p);
        }}
      />
    </>
  );
}
