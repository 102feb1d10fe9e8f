/** Calendar arithmetic for the demo, all in UTC so results do not depend on the machine's zone. */
import type { AgeBand } from '../vocabulary.ts';

export const DAY_MS = 86_400_000;
export const DEFAULT_ANCHOR = new Date('2026-02-15T00:00:00Z');

/** Midnight UTC of the anchor's calendar day. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseIsoDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

// Age arithmetic lives in core/age-band.ts, shared with casework; re-exported for the demo's callers.
export { ageAt, ageBandOf } from '../age-band.ts';

/** Youngest and oldest whole-year ages the demo draws for a band. */
export const AGE_RANGE: Record<AgeBand, [number, number]> = {
  under_18: [15, 17],
  '18_24': [18, 24],
  '25_34': [25, 34],
  '35_44': [35, 44],
  '45_59': [45, 59],
  '60_plus': [60, 66],
};

/** The same calendar day `years` earlier; 29 February falls back to the 28th in a common year (not 1 March). */
function sameDayYearsBefore(at: Date, years: number): number {
  const ms = Date.UTC(at.getUTCFullYear() - years, at.getUTCMonth(), at.getUTCDate());
  return new Date(ms).getUTCMonth() === at.getUTCMonth() ? ms : ms - DAY_MS;
}

/** A birth date giving exactly `age` whole years at `at`: somewhere in the year before the age-th birthday. */
export function birthDateForAge(age: number, at: Date, dayInYear: number): string {
  const latest = sameDayYearsBefore(at, age);
  const earliest = sameDayYearsBefore(at, age + 1) + DAY_MS;
  const span = Math.round((latest - earliest) / DAY_MS);
  return isoDate(earliest + Math.min(dayInYear, span) * DAY_MS);
}
