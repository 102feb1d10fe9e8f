/**
 * A second registration of the same person by another organisation, written down the way it
 * happens in the field: another romanisation or order, the phone with or without its country
 * code, a birth date with day and month swapped, a compound not mentioned, a new location.
 */
import type { Rng } from '../random.ts';
import { DAY_MS, ageAt, ageBandOf, isoDate, parseIsoDate } from './dates.ts';
import { formatPhone, randomPhone, randomPhoneStyle } from './phones.ts';
import { variantNames } from './name-forms.ts';
import { pickLocation, pickRegistrar, type SurvivorContext, type SurvivorDraft } from './survivors.ts';
import type { DemoSurvivor } from './types.ts';

function variantBirthDate(rng: Rng, dob: string | null): string | null {
  if (dob === null) return null;
  const r = rng.next();
  if (r < 0.15) return null; // only an age was asked this time
  const [y, m, d] = dob.split('-');
  if (r < 0.3 && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`; // day and month swapped
  return dob;
}

function variantContacts(rng: Rng, first: SurvivorDraft): DemoSurvivor['contacts'] {
  const r = rng.next();
  if (!first.phone || r < 0.2) return [];
  if (r < 0.7) {
    // Same number, written another way (country code dropped or added, spacing changed).
    const before = first.survivor.contacts[0]?.value;
    let value = formatPhone(first.phone, randomPhoneStyle(rng));
    for (let i = 0; i < 4 && value === before; i++) value = formatPhone(first.phone, randomPhoneStyle(rng));
    return [{ channel: rng.chance(0.5) ? 'phone' : (first.survivor.contacts[0]?.channel ?? 'phone'), value }];
  }
  // A new local SIM since the first registration.
  return [{ channel: 'phone', value: formatPhone(randomPhone(rng, 'KH'), randomPhoneStyle(rng)) }];
}

export function duplicateOf(rng: Rng, ctx: SurvivorContext, first: SurvivorDraft): Omit<DemoSurvivor, 'key'> {
  const a = first.survivor;
  const nationality = a.nationalities[0];
  if (!nationality) throw new Error('a demo survivor always has a nationality');
  const province = ctx.compounds.find((c) => c.key === a.compoundKey)?.province ?? null;
  const registrar = pickRegistrar(rng, ctx, nationality, province, a.registeredByOrgKey);
  const registeredByEmbassy = ctx.orgs.find((o) => o.key === registrar.orgKey)?.kind === 'embassy';

  // Registered again between an hour and two weeks later, never after the anchor.
  const firstAt = Date.parse(a.registeredAt);
  const room = Math.max(0, ctx.anchor.getTime() - 60_000 - firstAt);
  const later = Math.min(room, 3_600_000 + rng.next() * 14 * DAY_MS);
  const registeredAt = new Date(firstAt + Math.floor(later / 60_000) * 60_000).toISOString();

  const exitShift = rng.chance(0.3) ? rng.pick([-1, 1]) : 0;
  const exitDate = isoDate(
    Math.min(parseIsoDate(a.exitDate) + exitShift * DAY_MS, parseIsoDate(registeredAt.slice(0, 10))),
  );

  const dateOfBirth = variantBirthDate(rng, a.dateOfBirth);

  return {
    names: variantNames(rng, first.person, a.names),
    sex: a.sex,
    dateOfBirth,
    ageBand: dateOfBirth ? ageBandOf(ageAt(dateOfBirth, ctx.anchor)) : a.ageBand,
    nationalities: [...a.nationalities],
    languages: rng.chance(0.7) ? [...a.languages] : a.languages.slice(0, 1),
    contacts: variantContacts(rng, first),
    documentStatus: rng.chance(0.85) ? a.documentStatus : a.documentStatus === 'confiscated' ? 'lost' : 'confiscated',
    location: rng.chance(0.5)
      ? { ...a.location }
      : pickLocation(rng, ctx, a.sex, nationality, province === 'Preah Sihanouk'),
    compoundKey: rng.chance(0.75) ? a.compoundKey : null,
    exitMode: rng.chance(0.8) ? a.exitMode : 'unknown',
    exitDate,
    registeredByOrgKey: registrar.orgKey,
    registeredByUserKey: registrar.userKey,
    registeredAt,
    consent: {
      shareWithOwnEmbassy: registeredByEmbassy || rng.chance(0.85),
      shareWithOrgKeys: rng.chance(0.3) ? [...a.consent.shareWithOrgKeys] : [],
      statistics: rng.chance(0.6),
    },
  };
}
