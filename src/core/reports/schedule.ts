/**
 * When a scheduled situation report is due. Times are UTC: responders in Phnom Penh, Bangkok and
 * Jakarta share one deployment, and the schedule form shows the hour in the viewer's zone.
 */
export const REPORT_CADENCES = ['daily', 'weekly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];

export interface ReportSchedule {
  cadence: ReportCadence;
  /** 0–23, UTC. */
  hourUtc: number;
  /** 0 = Sunday … 6 = Saturday (UTC); required for weekly, ignored for daily. */
  weekday: number | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Why a schedule is not valid, or null. */
export function scheduleProblem(s: ReportSchedule): string | null {
  if (!Number.isInteger(s.hourUtc) || s.hourUtc < 0 || s.hourUtc > 23) return 'the hour must be 0 to 23';
  if (s.cadence === 'weekly' && (s.weekday === null || !Number.isInteger(s.weekday) || s.weekday < 0 || s.weekday > 6))
    return 'a weekly report needs a day of the week (0 = Sunday … 6 = Saturday)';
  return null;
}

/** The first run strictly after `after`: the next matching hour (and weekday), on the hour. */
export function nextRunAfter(s: ReportSchedule, after: Date): Date {
  const problem = scheduleProblem(s);
  if (problem) throw new RangeError(problem);
  const dayStart = Math.floor(after.getTime() / DAY) * DAY;
  for (let d = 0; d <= 7; d++) {
    const at = dayStart + d * DAY + s.hourUtc * HOUR;
    if (at <= after.getTime()) continue;
    if (s.cadence === 'weekly' && new Date(at).getUTCDay() !== s.weekday) continue;
    return new Date(at);
  }
  // Unreachable: within eight days every weekday and hour comes round.
  throw new Error('no next run');
}
