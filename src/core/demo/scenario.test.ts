import anyAscii from 'any-ascii';
import { distance as levenshtein } from 'fastest-levenshtein';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  DOCUMENT_STATUSES,
  EXIT_MODES,
  LOCATION_KINDS,
  ORGANISATION_KINDS,
  ROLES,
  SEXES,
} from '../vocabulary.ts';
import { DAY_MS, ageAt, ageBandOf, parseIsoDate } from './dates.ts';
import { NO_RESIDENT_EMBASSY } from './survivors.ts';
import { DEMO_ADMIN_EMAIL, DEMO_NOTICE, DEMO_PASSWORD, generateDemoScenario, type DemoSurvivor } from './index.ts';

const ANCHOR = new Date('2026-02-15T00:00:00Z');
const scenario = generateDemoScenario({ seed: 2026, survivors: 3000, anchor: ANCHOR });
const { organisations, users, compounds, survivors, duplicates } = scenario;
const orgByKey = new Map(organisations.map((o) => [o.key, o]));
const userByKey = new Map(users.map((u) => [u.key, u]));
const survivorByKey = new Map(survivors.map((s) => [s.key, s]));

const NATIVE_SCRIPT: Record<string, string> = {
  CN: 'Hani',
  TH: 'Thai',
  MM: 'Mymr',
  KR: 'Hang',
  IN: 'Deva',
  NP: 'Deva',
  BD: 'Beng',
  VN: 'Latn',
  ID: 'Latn',
  PH: 'Latn',
};
const SCRIPT_RE: Record<string, RegExp> = {
  Hani: /^[\p{Script=Han}]+$/u,
  Latn: /^[\p{Script=Latin}\s\-'.?]+$/u,
  Thai: /^[\p{Script=Thai}\s]+$/u,
  Mymr: /^[\p{Script=Myanmar}]+$/u,
  Khmr: /^[\p{Script=Khmer}\s]+$/u,
  Beng: /^[\p{Script=Bengali}\s]+$/u,
  Deva: /^[\p{Script=Devanagari}\s]+$/u,
  Hang: /^[\p{Script=Hangul}]+$/u,
};
const share = (pred: (s: DemoSurvivor) => boolean) => survivors.filter(pred).length / survivors.length;

describe('generateDemoScenario: determinism and speed', () => {
  it('gives deep-equal output for the same seed and different output for another', () => {
    expect(generateDemoScenario({ seed: 2026, survivors: 3000, anchor: ANCHOR })).toEqual(scenario);
    const other = generateDemoScenario({ seed: 7, survivors: 3000, anchor: ANCHOR });
    expect(other.survivors).not.toEqual(survivors);
    expect(other.users.map((u) => u.displayName)).not.toEqual(users.map((u) => u.displayName));
  });

  it('defaults to seed 2026, 3000 survivors and a 2026-02-15 anchor', () => {
    expect(generateDemoScenario()).toEqual(scenario);
  });

  it('keeps organisations, users and compounds independent of the survivor count', () => {
    const small = generateDemoScenario({ seed: 2026, survivors: 50, anchor: ANCHOR });
    expect(small.survivors).toHaveLength(50);
    expect(small.compounds).toEqual(compounds);
    expect(small.users).toEqual(users);
  });

  it('moves every date with the anchor', () => {
    const later = generateDemoScenario({
      seed: 2026,
      survivors: 300,
      anchor: new Date(ANCHOR.getTime() + 10 * DAY_MS),
    });
    const base = generateDemoScenario({ seed: 2026, survivors: 300, anchor: ANCHOR });
    later.survivors.forEach((s, i) => {
      expect(parseIsoDate(s.exitDate) - parseIsoDate(base.survivors[i]!.exitDate)).toBe(10 * DAY_MS);
      expect(Date.parse(s.registeredAt) - Date.parse(base.survivors[i]!.registeredAt)).toBe(10 * DAY_MS);
    });
  });

  it('exports the demo password and notice', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_NOTICE).toMatch(/fictional/i);
  });
});

describe('generateDemoScenario: organisations and users', () => {
  it('has about thirty organisations of every kind with unique keys', () => {
    expect(organisations.length).toBeGreaterThanOrEqual(25);
    expect(organisations.length).toBeLessThanOrEqual(35);
    expect(new Set(organisations.map((o) => o.key)).size).toBe(organisations.length);
    for (const kind of ORGANISATION_KINDS) expect(organisations.some((o) => o.kind === kind)).toBe(true);
    for (const o of organisations) expect(o.nationalitiesServed.length > 0).toBe(o.kind === 'embassy');
  });

  it('has embassies for every survivor nationality but those with no resident embassy, who are in the story', () => {
    const served = new Set(organisations.flatMap((o) => o.nationalitiesServed));
    for (const s of survivors)
      for (const n of s.nationalities) if (!NO_RESIDENT_EMBASSY.includes(n)) expect(served).toContain(n);
    for (const n of NO_RESIDENT_EMBASSY) {
      expect(served.has(n), n).toBe(false);
      expect(
        survivors.some((s) => s.nationalities.includes(n)),
        n,
      ).toBe(true);
    }
  });

  it('gives every organisation a user with a fitting role, and one all-round admin login', () => {
    const fitting: Record<string, string> = {
      embassy: 'consular_officer',
      ngo: 'caseworker',
      shelter: 'caseworker',
      clinic: 'medic',
      international_org: 'caseworker',
      monitor: 'analyst',
      coordination: 'admin',
    };
    for (const o of organisations) {
      const roles = users
        .filter((u) => u.key !== 'demo-admin')
        .flatMap((u) => u.memberships.filter((m) => m.orgKey === o.key).map((m) => m.role));
      expect(roles).toContain(fitting[o.kind]);
    }
    const admin = users.find((u) => u.email === DEMO_ADMIN_EMAIL);
    expect(admin?.memberships.map((m) => m.role)).toEqual(
      expect.arrayContaining(['admin', 'caseworker', 'consular_officer', 'medic', 'analyst']),
    );
  });

  it('has unique keys and emails under the demo domain, valid roles and varied locales', () => {
    expect(new Set(users.map((u) => u.key)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const u of users) {
      for (const m of u.memberships) {
        expect(orgByKey.has(m.orgKey)).toBe(true);
        expect(ROLES).toContain(m.role);
        if (u.key !== 'demo-admin') expect(u.email).toBe(`${u.email.split('@')[0]}@${m.orgKey}.demo.refuge.example`);
      }
      expect(u.displayName.trim().length).toBeGreaterThan(2);
    }
    expect(new Set(users.map((u) => u.locale))).toEqual(new Set(['en', 'km', 'zh', 'id']));
  });
});

describe('generateDemoScenario: survivors', () => {
  it('has the requested count, unique keys in registration order', () => {
    expect(survivors).toHaveLength(3000);
    expect(new Set(survivors.map((s) => s.key)).size).toBe(3000);
    const times = survivors.map((s) => s.registeredAt);
    expect([...times].sort()).toEqual(times);
  });

  it('uses only vocabulary values', () => {
    for (const s of survivors) {
      expect(SEXES).toContain(s.sex);
      expect(AGE_BANDS).toContain(s.ageBand);
      expect(DOCUMENT_STATUSES).toContain(s.documentStatus);
      expect(LOCATION_KINDS).toContain(s.location.kind);
      expect(EXIT_MODES).toContain(s.exitMode);
      for (const c of s.contacts) expect(CONTACT_CHANNELS).toContain(c.channel);
      for (const l of s.languages) expect(l).toMatch(/^[a-z]{2}$/);
    }
  });

  it('gives every survivor a native-script name, a Latin romanisation and exactly one preferred name', () => {
    for (const s of survivors) {
      expect(s.names.filter((n) => n.preferred)).toHaveLength(1);
      expect(s.names.some((n) => n.script === 'Latn')).toBe(true);
      for (const n of s.names) expect(n.value, `${n.script} ${n.value}`).toMatch(SCRIPT_RE[n.script]!);
      const expected = NATIVE_SCRIPT[s.nationalities[0]!];
      if (expected) expect(s.names[0]!.script).toBe(expected);
    }
  });

  it('resolves every reference', () => {
    const compoundKeys = new Set(compounds.map((c) => c.key));
    for (const s of survivors) {
      expect(orgByKey.has(s.registeredByOrgKey)).toBe(true);
      const user = userByKey.get(s.registeredByUserKey);
      expect(user?.memberships.map((m) => m.orgKey)).toContain(s.registeredByOrgKey);
      if (s.compoundKey !== null) expect(compoundKeys.has(s.compoundKey)).toBe(true);
      for (const k of s.consent.shareWithOrgKeys) expect(orgByKey.has(k)).toBe(true);
      const at = s.location.orgKey ? orgByKey.get(s.location.orgKey) : undefined;
      if (s.location.kind === 'shelter' || s.location.kind === 'clinic') expect(at?.kind).toBe(s.location.kind);
      if (s.location.kind === 'embassy') expect(at?.nationalitiesServed).toContain(s.nationalities[0]);
      if (['street', 'own_address', 'detention', 'unknown'].includes(s.location.kind))
        expect(s.location.orgKey).toBeNull();
    }
  });

  it('keeps dates consistent: birth date matches the age band, exit before registration before the anchor', () => {
    for (const s of survivors) {
      if (s.dateOfBirth) expect(ageBandOf(ageAt(s.dateOfBirth, ANCHOR))).toBe(s.ageBand);
      expect(s.registeredAt.slice(0, 10) >= s.exitDate).toBe(true);
      expect(Date.parse(s.registeredAt)).toBeLessThan(ANCHOR.getTime());
      expect(parseIsoDate(s.exitDate)).toBeGreaterThan(ANCHOR.getTime() - 150 * DAY_MS);
    }
  });

  it('mixes nationalities like the reporting: Indonesians largest, then Chinese and Vietnamese', () => {
    const count = (n: string) => survivors.filter((s) => s.nationalities.includes(n)).length;
    expect(count('ID') / survivors.length).toBeGreaterThan(0.25);
    expect(count('ID') / survivors.length).toBeLessThan(0.4);
    expect(count('ID')).toBeGreaterThan(count('CN'));
    expect(count('CN')).toBeGreaterThan(count('KE'));
    expect(count('VN')).toBeGreaterThan(count('NG'));
    expect(new Set(survivors.flatMap((s) => s.nationalities)).size).toBeGreaterThanOrEqual(15);
  });

  it('is about three quarters men, mostly aged 18–34, with a few minors', () => {
    expect(share((s) => s.sex === 'male')).toBeGreaterThan(0.7);
    expect(share((s) => s.sex === 'male')).toBeLessThan(0.8);
    expect(share((s) => s.ageBand === '18_24' || s.ageBand === '25_34')).toBeGreaterThan(0.7);
    expect(share((s) => s.ageBand === 'under_18')).toBeGreaterThan(0.005);
    expect(share((s) => s.ageBand === 'under_18')).toBeLessThan(0.05);
  });

  it('has most passports confiscated and most exits in a few days of mass exit', () => {
    expect(share((s) => s.documentStatus === 'confiscated')).toBeGreaterThan(0.55);
    const days = new Map<string, number>();
    for (const s of survivors) days.set(s.exitDate, (days.get(s.exitDate) ?? 0) + 1);
    const busiestTen = [...days.values()]
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((a, b) => a + b, 0);
    expect(busiestTen / survivors.length).toBeGreaterThan(0.55);
    expect(days.size).toBeGreaterThan(40); // and a trickle on other days
  });

  it('is registered mostly by NGOs, some by embassies', () => {
    const kindShare = (kind: string) => share((s) => orgByKey.get(s.registeredByOrgKey)?.kind === kind);
    expect(kindShare('ngo')).toBeGreaterThan(0.4);
    expect(kindShare('embassy')).toBeGreaterThan(0.08);
    expect(kindShare('ngo')).toBeGreaterThan(kindShare('embassy'));
  });

  it('mostly consents to the own embassy, less often to statistics or named organisations', () => {
    const embassy = share((s) => s.consent.shareWithOwnEmbassy),
      stats = share((s) => s.consent.statistics);
    const named = share((s) => s.consent.shareWithOrgKeys.length > 0);
    expect(embassy).toBeGreaterThan(0.75);
    expect(stats).toBeLessThan(embassy);
    expect(named).toBeLessThan(stats);
    for (const s of survivors)
      if (orgByKey.get(s.registeredByOrgKey)?.kind === 'embassy') expect(s.consent.shareWithOwnEmbassy).toBe(true);
  });

  it('consents to cross-organisation matching for a plausible share: the demo shows cross-org proposals', () => {
    const matching = share((s) => s.consent.crossOrganisationMatching === true);
    expect(matching).toBeGreaterThan(0.55);
    expect(matching).toBeLessThan(0.75);
    const byKey = new Map(survivors.map((s) => [s.key, s]));
    const crossPairs = scenario.duplicates
      .map(([a, b]) => [byKey.get(a)!, byKey.get(b)!])
      .filter(([a, b]) => a!.registeredByOrgKey !== b!.registeredByOrgKey);
    const proposable = crossPairs.filter(
      ([a, b]) => a!.consent.crossOrganisationMatching && b!.consent.crossOrganisationMatching,
    );
    expect(proposable.length).toBeGreaterThan(crossPairs.length * 0.25);
    expect(proposable.length).toBeLessThan(crossPairs.length);
  });

  it('writes phone numbers that parse for the nationality or Cambodia, often without a country code', () => {
    const phones = survivors.flatMap((s) =>
      s.contacts.filter((c) => ['phone', 'whatsapp'].includes(c.channel)).map((c) => [s, c.value] as const),
    );
    expect(phones.length).toBeGreaterThan(survivors.length * 0.5);
    for (const [s, value] of phones) {
      const valid = [s.nationalities[0], 'KH'].some((cc) =>
        parsePhoneNumberFromString(value, cc as CountryCode)?.isValid(),
      );
      expect(valid, value).toBe(true);
    }
    const national = phones.filter(([, v]) => !v.startsWith('+')).length / phones.length;
    expect(national).toBeGreaterThan(0.15);
    expect(national).toBeLessThan(0.6);
    expect(share((s) => s.contacts.length === 0)).toBeGreaterThan(0.1);
  });
});

describe('generateDemoScenario: deliberate duplicates', () => {
  const tokens = (s: string) =>
    anyAscii(s)
      .toLowerCase()
      .replace(/[^a-z\s]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  // Comparable forms of a name: as written, with its parts sorted, and run together.
  const forms = (s: string) => [tokens(s).join(' '), [...tokens(s)].sort().join(' '), tokens(s).join('')];
  const latin = (s: DemoSurvivor) => s.names.filter((n) => n.script === 'Latn').map((n) => forms(n.value));
  const near = (x: string[], y: string[]) =>
    x.some((a, i) => levenshtein(a, y[i]!) <= Math.max(3, a.length / 4) || a.includes(y[i]!));

  it('registers about 3% twice, each pair by two different organisations', () => {
    expect(duplicates).toHaveLength(90);
    const seen = new Set<string>();
    for (const [a, b] of duplicates) {
      const A = survivorByKey.get(a),
        B = survivorByKey.get(b);
      expect(A && B).toBeTruthy();
      expect(a).not.toBe(b);
      expect(seen.has(a) || seen.has(b)).toBe(false);
      seen.add(a);
      seen.add(b);
      expect(A!.registeredByOrgKey).not.toBe(B!.registeredByOrgKey);
      expect(A!.registeredAt <= B!.registeredAt).toBe(true);
    }
  });

  it('keeps the person the same but the record different', () => {
    let samePhoneOtherFormat = 0;
    for (const [a, b] of duplicates) {
      const A = survivorByKey.get(a)!,
        B = survivorByKey.get(b)!;
      expect(B.sex).toBe(A.sex);
      expect(B.nationalities).toEqual(A.nationalities);
      expect(B.names.map((n) => n.value)).not.toEqual(A.names.map((n) => n.value));
      // Some romanisation of B is a small edit away from one of A's (after folding case, diacritics and order).
      const close = latin(A).some((x) => latin(B).some((y) => near(x, y)));
      expect(close, `${A.names.map((n) => n.value)} / ${B.names.map((n) => n.value)}`).toBe(true);
      const digits = (s: DemoSurvivor) => s.contacts.map((c) => c.value.replace(/\D/g, '').slice(-7));
      if (
        digits(A).length &&
        digits(B).length &&
        digits(A)[0] === digits(B)[0] &&
        A.contacts[0]!.value !== B.contacts[0]!.value
      )
        samePhoneOtherFormat++;
    }
    expect(samePhoneOtherFormat).toBeGreaterThan(10);
  });

  it('is not given away by adjacent keys', () => {
    const adjacent = duplicates.filter(([a, b]) => Math.abs(Number(a.slice(3)) - Number(b.slice(3))) === 1).length;
    expect(adjacent).toBeLessThan(duplicates.length / 4);
  });
});
