import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { ErrorState } from '../components/ErrorState.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { followAccountLocale } from '../i18n/index.ts';
import { currentOrganisation, isFullySignedIn, useSession } from '../session.ts';
import { Header } from './Header.tsx';
import { MainNav } from './MainNav.tsx';

/** The signed-in shell: skip link, header, navigation, demo banner and the page in <main>. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const view = session.data;
  const [navOpen, setNavOpen] = useState(false);

  const accountLocale = view?.user.locale;
  useEffect(() => {
    if (accountLocale) followAccountLocale(accountLocale);
  }, [accountLocale]);

  // After client-side navigation, move focus to the page so screen readers start at its content. Without scrolling:
  // focusing <main> scrolled the header and banner off the screen; ScrollRestoration starts a new page at its top.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setNavOpen(false);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  if (session.isPending)
    return (
      <main className="page">
        <LoadingState />
      </main>
    );
  if (session.isError)
    return (
      <main className="page">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  if (!view || !isFullySignedIn(view)) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const org = currentOrganisation(view);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header session={view} navOpen={navOpen} onToggleNav={() => setNavOpen((o) => !o)} demo={!!org?.isDemo} />
      <div className="shell-body">
        <MainNav open={navOpen} seat={org} />
        <main id="main" ref={main} tabIndex={-1} className="page">
          <Outlet />
        </main>
      </div>
      {/* Keyed by path: a filter that changes only the query string keeps the place; back to a page restores it. */}
      <ScrollRestoration getKey={(at) => at.pathname} />
    </div>
  );
}
