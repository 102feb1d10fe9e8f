import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../session.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { MAIN_NAV_ID } from './MainNav.tsx';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

export function Header({
  session,
  navOpen,
  onToggleNav,
}: {
  session: SessionView;
  navOpen: boolean;
  onToggleNav: () => void;
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
        <LanguageSwitcher />
        <UserMenu session={session} />
      </div>
    </header>
  );
}
