/** The main navigation, in screen order. `labelKey` is a key in i18n/<lang>.json. */
export interface NavItem {
  to: string;
  labelKey: string;
  end?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'nav.home', end: true },
  { to: '/casework', labelKey: 'nav.casework' },
  { to: '/matching', labelKey: 'nav.matching' },
  { to: '/monitoring', labelKey: 'nav.monitoring' },
  { to: '/networks', labelKey: 'nav.networks' },
  { to: '/reports', labelKey: 'nav.reports' },
];
