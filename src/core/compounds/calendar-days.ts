/** Calendar-day arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The YYYY-MM-DD part of an ISO date or timestamp, or null when it is not a real date. */
export function toDay(value: string): string | null {
  const m = ISO_DAY.exec(value);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t).toISOString().slice(0, 10);
  return back === `${m[1]}-${m[2]}-${m[3]}` ? back : null;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
