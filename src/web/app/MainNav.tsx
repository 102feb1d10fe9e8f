import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { SessionOrganisation } from '../session.ts';
import { navItemsFor } from './nav.ts';

export const MAIN_NAV_ID = 'main-nav';

/**
 * The main navigation: a sidebar on wide screens, a panel behind the menu button on phones. Only the areas the
 * current organisation seat may open are listed, so no entry leads to a refusal.
 */
export function MainNav({ open, seat }: { open: boolean; seat: SessionOrganisation | undefined }) {
  const { t } = useTranslation();
  return (
    <nav id={MAIN_NAV_ID} className={`main-nav${open ? ' main-nav--open' : ''}`} aria-label={t('nav.label')}>
      <ul>
        {navItemsFor(seat).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
