import { areasFor, type Area, type OrganisationSeat } from '../../core/permissions/seats.ts';

/** The main navigation, in screen order. `labelKey` is a key in i18n/<lang>.json. */
export interface NavItem {
  to: string;
  labelKey: string;
  end?: boolean;
}

const HOME: NavItem = { to: '/', labelKey: 'nav.home', end: true };

const AREA_ITEMS: Record<Area, NavItem> = {
  casework: { to: '/casework', labelKey: 'nav.casework' },
  matching: { to: '/matching', labelKey: 'nav.matching' },
  monitoring: { to: '/monitoring', labelKey: 'nav.monitoring' },
  networks: { to: '/networks', labelKey: 'nav.networks' },
  reports: { to: '/reports', labelKey: 'nav.reports' },
};

/** The areas this seat may open (core/permissions/seats.ts decides), after home; nothing that would only refuse. */
export function navItemsFor(seat: OrganisationSeat | undefined): NavItem[] {
  return [HOME, ...areasFor(seat).map((a) => AREA_ITEMS[a])];
}

/** Where a new seat should start: its first area, or null when it has none but home. */
export function startItemFor(seat: OrganisationSeat | undefined): NavItem | null {
  const first = areasFor(seat)[0];
  return first ? AREA_ITEMS[first] : null;
}

/** Every entry any seat may see (the translations test checks each label exists in every language). */
export const NAV_ITEMS: readonly NavItem[] = [HOME, ...Object.values(AREA_ITEMS)];
