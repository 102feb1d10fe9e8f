import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api-error.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { useBeginEnrolment, useConfirmEnrolment, useSignOut } from '../../session.ts';
import { CodeForm } from './CodeForm.tsx';

/** Groups of four are easier to type into an authenticator app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpEnrolment() {
  const { t } = useTranslation();
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const signOut = useSignOut();
  const [enrolmentCode, setEnrolmentCode] = useState('');
  const start = (event: FormEvent) => {
    event.preventDefault();
    begin.mutate(enrolmentCode.trim());
  };
  return (
    <>
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      {!begin.data ? (
        <>
          <ErrorSummary error={begin.error} fieldLabels={{ enrolmentCode: t('enrol.code') }} />
          <form onSubmit={start} noValidate className="form">
            <Field
              name="enrolmentCode"
              label={t('enrol.code')}
              hint={t('enrol.codeHint')}
              autoComplete="off"
              autoCapitalize="characters"
              autoFocus
              value={enrolmentCode}
              onChange={(e) => setEnrolmentCode(e.target.value)}
              error={fieldError(begin.error, 'enrolmentCode')}
            />
            <button type="submit" className="button button--primary" disabled={begin.isPending}>
              {t('enrol.start')}
            </button>
          </form>
        </>
      ) : (
        <>
          <dl className="enrolment">
            <dt>{t('enrol.secret')}</dt>
            <dd>
              <code className="secret">{grouped(begin.data.secret)}</code>
            </dd>
            <dt>{t('enrol.uri')}</dt>
            <dd>
              <a href={begin.data.uri} className="uri">
                {begin.data.uri}
              </a>
            </dd>
          </dl>
          <CodeForm
            submitLabel={t('enrol.confirm')}
            pending={confirm.isPending}
            error={confirm.error}
            onSubmit={(code) => confirm.mutate(code)}
          />
        </>
      )}
      <button type="button" className="button button--link" onClick={() => signOut.mutate(false)}>
        {t('totp.otherAccount')}
      </button>
    </>
  );
}
