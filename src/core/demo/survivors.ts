/**
 * One survivor record as an outreach team, shelter, clinic or embassy would write it down,
 * with the mix reported for the early-2026 exits: mostly young men, Indonesians the largest
 * group, passports confiscated, most leaving in a few days of mass exits.
 */
import { samplePersonName, type PersonName } from '../names/pools.ts';
import { pickWeighted, type Rng } from '../random.ts';
import type { AgeBand, ContactChannel, DocumentStatus, ExitMode, LocationKind, Sex } from '../vocabulary.ts';
import { AGE_RANGE, DAY_MS, birthDateForAge, isoDate, startOfDay } from './dates.ts';
import { embassyFor } from './organisations.ts';
import { formatPhone, randomPhone, randomPhoneStyle, type PhoneNumber } from './phones.ts';
import { survivorNames } from './name-forms.ts';
import type { DemoCompound, DemoOrganisation, DemoSurvivor, DemoUser } from './types.ts';
import anyAscii from 'any-ascii';

/** Nationalities in the story whose country has no resident embassy in Phnom Penh. */
export const NO_RESIDENT_EMBASSY: readonly string[] = ['SL', 'LR', 'MG'];

export const NATIONALITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['ID', 30],
  ['CN', 12],
  ['VN', 10],
  ['PH', 8],
  ['MM', 6],
  ['IN', 6],
  ['TH', 5],
  ['BD', 4],
  ['KE', 3],
  ['NG', 3],
  ['MY', 2],
  ['UG', 1.5],
  ['ET', 1.5],
  ['NP', 1.5],
  ['LA', 1.5],
  ['LK', 1],
  ['BR', 0.8],
  ['KR', 0.7],
  // Nationals whose country has no resident embassy in Phnom Penh.
  ['SL', 1],
  ['LR', 0.8],
  ['MG', 0.8],
];
const AGE_WEIGHTS: [AgeBand, number][] = [
  ['under_18', 2],
  ['18_24', 33],
  ['25_34', 45],
  ['35_44', 15],
  ['45_59', 4.5],
  ['60_plus', 0.5],
];
const DOCUMENT_WEIGHTS: [DocumentStatus, number][] = [
  ['confiscated', 70],
  ['lost', 10],
  ['held', 14],
  ['never_had', 6],
];
const LANGUAGES: Record<string, string[]> = {
  ID: ['id'],
  CN: ['zh'],
  VN: ['vi'],
  PH: ['tl', 'en'],
  MM: ['my'],
  TH: ['th'],
  IN: ['hi', 'en'],
  BD: ['bn'],
  KE: ['sw', 'en'],
  NG: ['en'],
  UG: ['en', 'lg'],
  ET: ['am'],
  BR: ['pt'],
  LK: ['si', 'en'],
  NP: ['ne'],
  MY: ['ms', 'en'],
  LA: ['lo'],
  KR: ['ko'],
  SL: ['en'],
  LR: ['en'],
  MG: ['mg', 'fr'],
};
/** The messaging app people from each country most often give. */
const APP: Record<string, ContactChannel> = {
  CN: 'wechat',
  TH: 'line',
  LA: 'whatsapp',
  MM: 'telegram',
  VN: 'telegram',
  KR: 'phone',
};

export interface SurvivorContext {
  anchor: Date;
  orgs: readonly DemoOrganisation[];
  compounds: readonly DemoCompound[];
  compoundWeights: readonly (readonly [string, number])[];
  /** Day offset from the anchor (negative) on which each compound's mass exit peaked. */
  massExitDay: ReadonlyMap<string, number>;
  /** Day offset from the anchor on which monitoring first saw each compound; nobody leaves a compound before it. */
  firstSeenDay?: ReadonlyMap<string, number>;
  /** Users who can register for an organisation (the all-round demo login excluded). */
  staff: ReadonlyMap<string, readonly DemoUser[]>;
}

export interface SurvivorDraft {
  survivor: Omit<DemoSurvivor, 'key'>;
  person: PersonName;
  phone: PhoneNumber | null;
}

export function staffByOrg(users: readonly DemoUser[], excludeKey: string): Map<string, DemoUser[]> {
  const byOrg = new Map<string, DemoUser[]>();
  for (const u of users) {
    if (u.key === excludeKey) continue;
    for (const m of u.memberships) byOrg.set(m.orgKey, [...(byOrg.get(m.orgKey) ?? []), u]);
  }
  return byOrg;
}

function ofKind(ctx: SurvivorContext, kind: DemoOrganisation['kind']): DemoOrganisation[] {
  return ctx.orgs.filter((o) => o.kind === kind);
}

function handleFrom(rng: Rng, latin: string): string {
  const base = anyAscii(latin)
    .toLowerCase()
    .replace(/[^a-z]+/g, rng.chance(0.5) ? '.' : '')
    .replace(/^\.|\.$/g, '');
  return base.slice(0, 14) + String(rng.int(100));
}

function contactsFor(rng: Rng, person: PersonName, phone: PhoneNumber | null): DemoSurvivor['contacts'] {
  const contacts: DemoSurvivor['contacts'] = [];
  if (phone) {
    const app = APP[person.nationality] ?? 'whatsapp';
    const channel: ContactChannel = rng.chance(0.55) && app !== 'wechat' && app !== 'line' ? app : 'phone';
    contacts.push({ channel, value: formatPhone(phone, randomPhoneStyle(rng)) });
  }
  if (rng.chance(0.2)) {
    const app = APP[person.nationality] ?? 'telegram';
    if (app === 'wechat')
      contacts.push({
        channel: 'wechat',
        value: rng.chance(0.5) ? `wxid_${handleFrom(rng, person.latin)}` : handleFrom(rng, person.latin),
      });
    else if (app === 'line') contacts.push({ channel: 'line', value: handleFrom(rng, person.latin) });
    else if (rng.chance(0.3) || contacts[0]?.channel === 'telegram')
      contacts.push({ channel: 'email', value: `${handleFrom(rng, person.latin)}@mail.example` });
    else contacts.push({ channel: 'telegram', value: `@${handleFrom(rng, person.latin).replace(/\./g, '_')}` });
  }
  return contacts;
}

/** Where the person is now; shelters and clinics carry the organisation that runs them. */
export function pickLocation(
  rng: Rng,
  ctx: SurvivorContext,
  sex: Sex,
  nationality: string,
  nearSihanoukville: boolean,
): DemoSurvivor['location'] {
  const kind = pickWeighted<LocationKind>(rng, [
    ['shelter', 35],
    ['clinic', 8],
    ['embassy', 15],
    ['street', 12],
    ['own_address', 10],
    ['detention', 5],
    ['unknown', 15],
  ]);
  switch (kind) {
    case 'shelter': {
      const shelters = ofKind(ctx, 'shelter').filter((o) => sex === 'female' || !o.name.includes('Women'));
      const local = shelters.filter((o) => (o.city === 'Sihanoukville') === nearSihanoukville);
      const org = rng.pick(local.length > 0 && rng.chance(0.7) ? local : shelters);
      return { kind, detail: rng.chance(0.3) ? `Dormitory ${1 + rng.int(6)}` : null, orgKey: org.key };
    }
    case 'clinic': {
      const org = rng.pick(ofKind(ctx, 'clinic'));
      return { kind, detail: rng.pick(['admitted', 'outpatient', 'under observation']), orgKey: org.key };
    }
    case 'embassy': {
      const embassy = embassyFor(ctx.orgs, nationality);
      // No embassy of their own here: waiting outside someone else's, with nowhere to go.
      if (!embassy) return { kind: 'street', detail: 'outside an embassy of a neighbouring country', orgKey: null };
      return {
        kind,
        detail: rng.pick(['waiting area', 'temporary accommodation arranged by the embassy', null]),
        orgKey: embassy.key,
      };
    }
    case 'street':
      return {
        kind,
        detail: rng.pick([
          'near the embassy gate',
          'bus station, Phnom Penh',
          'riverside park, Phnom Penh',
          'bus station, Sihanoukville',
          'market area, Poipet',
        ]),
        orgKey: null,
      };
    case 'own_address':
      return {
        kind,
        detail: rng.pick([
          'rented room, Toul Kork',
          "friend's flat, Sen Sok",
          'guesthouse, Poipet',
          'guesthouse, Bavet',
          'rented room, Sihanoukville',
        ]),
        orgKey: null,
      };
    case 'detention':
      return { kind, detail: 'immigration detention centre, Phnom Penh', orgKey: null };
    default:
      return { kind: 'unknown', detail: null, orgKey: null };
  }
}

/** Who registered the person: mostly outreach NGOs (by region), then embassies, shelters, the IO and clinics. */
export function pickRegistrar(
  rng: Rng,
  ctx: SurvivorContext,
  nationality: string,
  province: string | null,
  exclude?: string,
): { orgKey: string; userKey: string } {
  for (;;) {
    const kind = pickWeighted<DemoOrganisation['kind']>(rng, [
      ['ngo', 55],
      ['embassy', 18],
      ['shelter', 12],
      ['international_org', 10],
      ['clinic', 5],
    ]);
    let org: DemoOrganisation | undefined;
    if (kind === 'embassy') org = embassyFor(ctx.orgs, nationality);
    else if (kind === 'ngo') {
      const regional =
        province === 'Preah Sihanouk' ? 'Sihanoukville' : province === 'Banteay Meanchey' ? 'Poipet' : null;
      const ngos = ofKind(ctx, 'ngo');
      const local = ngos.filter((o) => o.city === regional);
      org = rng.pick(local.length > 0 && rng.chance(0.6) ? local : ngos);
    } else org = rng.pick(ofKind(ctx, kind));
    const staff = org ? ctx.staff.get(org.key) : undefined;
    if (org && org.key !== exclude && staff && staff.length > 0)
      return { orgKey: org.key, userKey: rng.pick(staff).key };
  }
}

/** Registration instant: a few days after the exit, during working hours in Cambodia (UTC+7), before the anchor. */
export function registrationTime(rng: Rng, exitDay: number, anchor: Date): string {
  const lastDay = startOfDay(anchor.getTime()) - DAY_MS;
  const delay = Math.min(Math.floor(-Math.log(1 - rng.next()) * 3), Math.max(0, (lastDay - exitDay) / DAY_MS));
  const localMinutes = 7 * 60 + rng.int(13 * 60); // 07:00–19:59 local
  return new Date(exitDay + delay * DAY_MS + (localMinutes - 7 * 60) * 60_000).toISOString();
}

function exitModeFor(rng: Rng, massExit: boolean): ExitMode {
  return massExit
    ? pickWeighted<ExitMode>(rng, [
        ['released', 50],
        ['escaped', 30],
        ['rescued', 12],
        ['unknown', 8],
      ])
    : pickWeighted<ExitMode>(rng, [
        ['escaped', 50],
        ['released', 20],
        ['rescued', 20],
        ['unknown', 10],
      ]);
}

export function draftSurvivor(rng: Rng, ctx: SurvivorContext): SurvivorDraft {
  const nationality = pickWeighted(rng, NATIONALITY_WEIGHTS);
  const r = rng.next();
  const sex: Sex = r < 0.75 ? 'male' : r < 0.995 ? 'female' : 'unknown';
  const person = samplePersonName(rng, nationality, sex === 'unknown' ? (rng.chance(0.5) ? 'male' : 'female') : sex);

  const ageBand = pickWeighted(rng, AGE_WEIGHTS);
  const [minAge, maxAge] = AGE_RANGE[ageBand];
  const dateOfBirth = rng.chance(0.65)
    ? birthDateForAge(minAge + rng.int(maxAge - minAge + 1), ctx.anchor, rng.int(366))
    : null;

  const languages = [...(LANGUAGES[nationality] ?? ['en'])];
  if (nationality === 'MY' && person.script === 'Hani') languages.unshift('zh');
  if (nationality === 'ID' && rng.chance(0.3)) languages.push('jv');
  if (!languages.includes('en') && rng.chance(0.3)) languages.push('en'); // scam scripts were often in English
  if (!languages.includes('zh') && rng.chance(0.08)) languages.push('zh');

  // Phones were taken in the compounds: a quarter have no contact at all, many use a new Cambodian SIM.
  const phone = rng.chance(0.75) ? randomPhone(rng, rng.chance(0.6) ? nationality : 'KH') : null;

  const compoundKey = rng.chance(0.85) ? pickWeighted(rng, ctx.compoundWeights) : null;
  const compound = compoundKey ? ctx.compounds.find((c) => c.key === compoundKey) : undefined;
  const anchorDay = startOfDay(ctx.anchor.getTime());
  const massExit = compoundKey !== null && rng.chance(0.75);
  const exitOffset = massExit
    ? (ctx.massExitDay.get(compoundKey) ?? -30) + rng.pick([-1, 0, 0, 0, 1, 1, 2])
    : -2 - rng.int(118);
  const firstSeen = compoundKey ? ctx.firstSeenDay?.get(compoundKey) : undefined;
  const exitDay =
    anchorDay + Math.min(-1, Math.max(exitOffset, firstSeen !== undefined ? firstSeen + 1 : exitOffset)) * DAY_MS;

  const registrar = pickRegistrar(rng, ctx, nationality, compound?.province ?? null);
  const registeredByEmbassy = ctx.orgs.find((o) => o.key === registrar.orgKey)?.kind === 'embassy';
  const location = pickLocation(rng, ctx, sex, nationality, compound?.province === 'Preah Sihanouk');
  const named = ctx.orgs.filter(
    (o) =>
      o.kind === 'shelter' || o.kind === 'clinic' || o.kind === 'international_org' || o.key === 'ngo-bamboo-shield',
  );
  const shareWithOrgKeys = rng.chance(0.35)
    ? [
        ...new Set([
          location.orgKey && location.kind !== 'embassy' ? location.orgKey : rng.pick(named).key,
          ...(rng.chance(0.4) ? [rng.pick(named).key] : []),
        ]),
      ]
    : [];

  return {
    person,
    phone,
    survivor: {
      names: survivorNames(rng, person),
      sex,
      dateOfBirth,
      ageBand,
      nationalities: [nationality],
      languages,
      contacts: contactsFor(rng, person, phone),
      documentStatus: pickWeighted(rng, DOCUMENT_WEIGHTS),
      location,
      compoundKey,
      exitMode: exitModeFor(rng, massExit),
      exitDate: isoDate(exitDay),
      registeredByOrgKey: registrar.orgKey,
      registeredByUserKey: registrar.userKey,
      registeredAt: registrationTime(rng, exitDay, ctx.anchor),
      consent: {
        shareWithOwnEmbassy: registeredByEmbassy || rng.chance(0.85),
        shareWithOrgKeys,
        statistics: rng.chance(0.6),
      },
    },
  };
}
