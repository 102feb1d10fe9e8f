import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { NAV_ITEMS } from './nav.ts';

export const MAIN_NAV_ID = 'main-nav';

/** The main navigation: a sidebar on wide screens, a panel behind the menu button on phones. */
export function MainNav({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <nav id={MAIN_NAV_ID} className={`main-nav${open ? ' main-nav--open' : ''}`} aria-label={t('nav.label')}>
      <ul>
        {NAV_ITEMS.map((item) => (
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
