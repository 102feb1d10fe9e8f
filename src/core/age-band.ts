import type { AgeBand } from './vocabulary.ts';

/** Whole years between a YYYY-MM-DD birth date and an instant (UTC, so the machine's zone never matters). */
export function ageAt(dateOfBirth: string, at: Date): number {
  // A malformed date gives NaN (no age) rather than a throw.
  const [y = NaN, m = NaN, d = NaN] = dateOfBirth.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}

export function ageBandOf(age: number): AgeBand {
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 60) return '45_59';
  return '60_plus';
}
