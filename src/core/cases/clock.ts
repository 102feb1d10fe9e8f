/**
 * Clocks enter core as a Date or an ISO-8601 string (never Date.now()).
 * Invalid input is a programming error upstream, so it throws rather than guessing.
 */
export type Instant = Date | string;

export function toDate(at: Instant): Date {
  const d = typeof at === 'string' ? new Date(at) : new Date(at.getTime());
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid instant: ${String(at)}`);
  return d;
}

export function toIso(at: Instant): string {
  return toDate(at).toISOString();
}

export const DAY_MS = 24 * 60 * 60 * 1000;
