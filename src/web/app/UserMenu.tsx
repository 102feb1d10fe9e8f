import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignOut, type SessionView } from '../session.ts';
import { useState } from 'react';
import { UnsyncedWarning } from '../features/offline/UnsyncedWarning.tsx';
import { useOutbox } from '../features/offline/use-outbox.ts';
import { Disclosure } from './Disclosure.tsx';

export function UserMenu({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const initials =
    session.user.displayName
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0])
      .join('')
      .toUpperCase() || '?';
  const { unsynced } = useOutbox();
  // Signing out with field records not yet on the server: warn and offer the encrypted export first.
  const [pendingLeave, setPendingLeave] = useState<boolean | null>(null);
  const signOutNow = (everywhere: boolean) =>
    signOut.mutate(everywhere, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  const leave = (everywhere: boolean) => (unsynced > 0 ? setPendingLeave(everywhere) : signOutNow(everywhere));
  return (
    <>
      {pendingLeave !== null && (
        <UnsyncedWarning
          count={unsynced}
          onCancel={() => setPendingLeave(null)}
          onProceed={() => {
            const everywhere = pendingLeave;
            setPendingLeave(null);
            signOutNow(everywhere);
          }}
        />
      )}
      <Disclosure
        className="user-menu"
        // The name is the visible initials and then "Account", so what a voice-control user reads out is what it answers to.
        summary={
          <>
            <span className="avatar">{initials}</span>
            <span className="visually-hidden"> {t('header.account')}</span>
          </>
        }
      >
        {() => (
          <>
            <p className="disclosure-title">{t('header.signedInAs', { name: session.user.displayName })}</p>
            <p className="muted small">{session.user.email}</p>
            <ul className="menu-list">
              <li>
                <button type="button" className="menu-item" onClick={() => void navigate('/account/password')}>
                  {t('header.changePassword')}
                </button>
              </li>
              <li>
                <button type="button" className="menu-item" onClick={() => leave(false)}>
                  {t('header.signOut')}
                </button>
              </li>
              <li>
                <button type="button" className="menu-item" onClick={() => leave(true)}>
                  <span>{t('header.signOutEverywhere')}</span>
                  <small>{t('header.signOutEverywhereHint')}</small>
                </button>
              </li>
            </ul>
          </>
        )}
      </Disclosure>
    </>
  );
}
