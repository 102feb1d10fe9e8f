/**
 * A survivor as the matching engine sees it. One MatchRecord per written name (native script and
 * each romanisation), id `<survivorId>:<n>`, so a script change on one side still meets the other
 * record; a pair of survivors scores as its best pair of names.
 */
import type { MatchRecord } from '../../core/matching/types.ts';
import type { SurvivorIdentity } from '../casework/survivor-envelopes.service.ts';

/** At most this many names per survivor go into the index. */
const MAX_NAMES = 4;

export interface MatchableSurvivor {
  id: string;
  organisationId: string;
  nationalities: readonly string[];
  identity: SurvivorIdentity;
}

/** The first contact that looks like a phone number (messaging apps are phone-numbered too). */
function phoneOf(identity: SurvivorIdentity): string | null {
  for (const c of identity.contacts) {
    if (c.channel === 'email' || (c.channel === 'telegram' && c.value.trim().startsWith('@'))) continue;
    if (c.value.replace(/\D/g, '').length >= 7) return c.value;
  }
  return null;
}

export function survivorRecords(s: MatchableSurvivor): MatchRecord[] {
  const phone = phoneOf(s.identity);
  const base = {
    dob: s.identity.dateOfBirth ?? null,
    phone,
    nationality: s.nationalities.length ? s.nationalities.join(';') : null,
    passport: s.identity.documentNumber ?? null,
  };
  // Preferred name first, so a survivor with more names than MAX_NAMES keeps it.
  const names = [...s.identity.names].sort((a, b) => Number(b.preferred) - Number(a.preferred)).slice(0, MAX_NAMES);
  return names.map((n, i) => ({ id: `${s.id}:${i}`, source: s.organisationId, fields: { name: n.value, ...base } }));
}

export const survivorIdOf = (recordId: string): string => recordId.slice(0, recordId.lastIndexOf(':'));
