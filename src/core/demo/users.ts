/**
 * Demo logins: at least one per organisation with the role that fits its kind, plus one all-round
 * login. Display names come from the name pools, so they are as fictional as the survivors.
 */
import { samplePersonName } from '../names/pools.ts';
import type { Rng } from '../random.ts';
import type { Role } from '../vocabulary.ts';
import type { DemoLocale, DemoOrganisation, DemoUser } from './types.ts';

export const DEMO_EMAIL_DOMAIN = 'demo.refuge.example';
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`;
export const DEMO_ADMIN_KEY = 'demo-admin';

/** Seats per organisation kind: [email local part, role]. Busy outreach NGOs get two caseworkers. */
function seatsFor(org: DemoOrganisation): [string, Role][] {
  switch (org.kind) {
    case 'embassy':
      return ['embassy-id', 'embassy-cn', 'embassy-vn'].includes(org.key)
        ? [
            ['consular', 'consular_officer'],
            ['consular2', 'consular_officer'],
          ]
        : [['consular', 'consular_officer']];
    case 'ngo':
      return ['ngo-lantern-reach', 'ngo-tonle-harbour'].includes(org.key)
        ? [
            ['caseworker', 'caseworker'],
            ['caseworker2', 'caseworker'],
          ]
        : [['caseworker', 'caseworker']];
    case 'shelter':
      return [['caseworker', 'caseworker']];
    case 'clinic':
      return [['medic', 'medic']];
    case 'international_org':
      return [
        ['caseworker', 'caseworker'],
        ['analyst', 'analyst'],
      ];
    case 'monitor':
      return [['analyst', 'analyst']];
    case 'coordination':
      return [
        ['admin', 'admin'],
        ['viewer', 'viewer'],
      ];
  }
}

const STAFF_NATIONALITIES = ['KH', 'KH', 'KH', 'KH', 'PH', 'MY', 'TH', 'KE', 'IN'];
const LOCALE_BY_NATIONALITY: Record<string, DemoLocale> = { KH: 'km', CN: 'zh', TW: 'zh', ID: 'id' };

export function demoUsers(rng: Rng, orgs: readonly DemoOrganisation[]): DemoUser[] {
  const users: DemoUser[] = [];
  for (const org of orgs) {
    for (const [local, role] of seatsFor(org)) {
      // Consular staff are usually nationals of the country they serve; local staff are mostly Cambodian.
      const nationality = org.kind === 'embassy' ? org.nationalitiesServed[0] : rng.pick(STAFF_NATIONALITIES);
      if (!nationality) throw new Error(`embassy ${org.key} serves no nationality`);
      const name = samplePersonName(rng, nationality, rng.chance(0.5) ? 'female' : 'male');
      const nativeLocale = LOCALE_BY_NATIONALITY[nationality];
      users.push({
        key: `${org.key}-${local}`,
        email: `${local}@${org.key}.${DEMO_EMAIL_DOMAIN}`,
        displayName: name.latin,
        memberships: [{ orgKey: org.key, role }],
        // Khmer speakers often keep an English interface at work; embassies use their own language.
        locale: nativeLocale && (org.kind === 'embassy' || rng.chance(0.6)) ? nativeLocale : 'en',
      });
    }
  }
  const firstOf = (kind: DemoOrganisation['kind']) => orgs.find((o) => o.kind === kind)?.key;
  const allRound: [string | undefined, Role][] = [
    [firstOf('coordination'), 'admin'],
    [firstOf('ngo'), 'caseworker'],
    [firstOf('embassy'), 'consular_officer'],
    [firstOf('clinic'), 'medic'],
    [firstOf('monitor'), 'analyst'],
  ];
  users.unshift({
    key: DEMO_ADMIN_KEY,
    email: DEMO_ADMIN_EMAIL,
    displayName: 'Demo Administrator',
    memberships: allRound
      .filter((m): m is [string, Role] => m[0] !== undefined)
      .map(([orgKey, role]) => ({ orgKey, role })),
    locale: 'en',
  });
  return users;
}
