import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../session.ts';
import { DemoBanner } from './DemoBanner.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { MAIN_NAV_ID } from './MainNav.tsx';
import { OfflineIndicator } from '../features/offline/OfflineIndicator.tsx';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

export function Header({
  session,
  navOpen,
  onToggleNav,
  demo,
}: {
  session: SessionView;
  navOpen: boolean;
  onToggleNav: () => void;
  /** The current organisation is demo data: the banner sits in the banner landmark, where assistive tech finds it. */
  demo: boolean;
}) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header-row">
        <button
          type="button"
          className="menu-button"
          aria-expanded={navOpen}
          aria-controls={MAIN_NAV_ID}
          onClick={onToggleNav}
        >
          <span aria-hidden="true" className="menu-icon" />
          {t('header.menu')}
        </button>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <OrganisationSwitcher session={session} />
        <OfflineIndicator />
        <LanguageSwitcher />
        <UserMenu session={session} />
      </div>
      {demo && <DemoBanner />}
    </header>
  );
}
