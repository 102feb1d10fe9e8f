import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.tsx';
import { isFullySignedIn, useSession } from '../../session.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';
import { TotpStep } from './TotpStep.tsx';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Password, then the second step the session asks for (a TOTP code, or setting one up). */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [resetting, setResetting] = useState(false);
  if (isFullySignedIn(session.data)) return <Navigate to={safeNext(params.get('next'))} replace />;
  const step = session.data?.secondFactor;
  return (
    <div className="sign-in-screen">
      <main id="main" className="sign-in-card">
        <div className="sign-in-top">
          <p className="brand">{t('app.name')}</p>
          <LanguageSwitcher />
        </div>
        <p className="muted">{t('app.tagline')}</p>
        {session.isPending ? (
          <LoadingState />
        ) : session.isError ? (
          <ErrorState error={session.error} onRetry={() => void session.refetch()} />
        ) : step === 'required' ? (
          <TotpStep />
        ) : step === 'enrolment_required' ? (
          <TotpEnrolment />
        ) : resetting ? (
          <ResetPasswordForm onDone={() => setResetting(false)} />
        ) : (
          <>
            <PasswordForm />
            <button type="button" className="button button--link" onClick={() => setResetting(true)}>
              {t('reset.open')}
            </button>
          </>
        )}
        <p className="sign-in-public">
          <Link to="/public">{t('signIn.publicStatistics')}</Link>
        </p>
      </main>
    </div>
  );
}
