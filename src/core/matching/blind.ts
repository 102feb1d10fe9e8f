/**
 * Blind cross-organisation matching (issue #8 §1; ../shared/DISCLOSURE.md "Blind cross-organisation
 * matching"). Matching must not be a location oracle: whoever registers a record learns nothing about
 * candidates held by other organisations. The rules here are pure; services apply them.
 *
 * 1. A pair of records of two organisations is a *candidate* whenever the engine proposes it.
 *    Every candidate is recorded and audited by the system, never shown to the seeker.
 * 2. It becomes a *proposal* only when both survivors' current consent allows cross-organisation
 *    matching (ConsentFlags.crossOrganisationMatching): the holder's survivor allowed being searched
 *    for, and the seeker's allowed being compared (otherwise an old probe record would tell its
 *    organisation when the target is registered somewhere later).
 * 3. The *holder* is the earlier registration: the organisation asked "a record registered
 *    elsewhere may be your survivor X" and that decides. The *seeker* is the later registration,
 *    the side a probe is always on. The seeker sees something only after the holder accepted and
 *    the holder's survivor's consent covers it (core/matching/reveal.ts).
 * 4. An account whose registrations produce more than PROBE_ALERT_CANDIDATES cross-organisation
 *    candidates within PROBE_ALERT_WINDOW_MS is probing: its organisation's administrators and
 *    coordination are alerted.
 * 5. Registration is rate limited per account (REGISTRATION_RATE_LIMIT), generous enough for an
 *    exit day on a phone and low enough to slow a scripted probe.
 */

export interface CandidateSide {
  survivorId: string;
  organisationId: string;
  /** ISO-8601 instant of registration. */
  registeredAt: string;
  /** The survivor's current consent to cross-organisation matching. */
  crossOrganisationMatching: boolean;
}

export interface CandidateRoles<S extends CandidateSide> {
  holder: S;
  seeker: S;
  /** Both consents allow it: the holder is asked. Otherwise the candidate is only recorded. */
  proposable: boolean;
}

/** Holder = the earlier registration (ties broken by id), seeker = the later one. Null within one organisation. */
export function crossOrganisationRoles<S extends CandidateSide>(a: S, b: S): CandidateRoles<S> | null {
  if (a.organisationId === b.organisationId) return null;
  const ta = Date.parse(a.registeredAt);
  const tb = Date.parse(b.registeredAt);
  const aFirst = ta < tb || (ta === tb && a.survivorId < b.survivorId);
  const [holder, seeker] = aFirst ? [a, b] : [b, a];
  return { holder, seeker, proposable: holder.crossOrganisationMatching && seeker.crossOrganisationMatching };
}

/**
 * More than this many cross-organisation candidates from one account's registrations in the window is a probing
 * pattern.
 */
export const PROBE_ALERT_CANDIDATES = 10;
/** The sliding window the candidates are counted in. */
export const PROBE_ALERT_WINDOW_MS = 24 * 3600_000;

/** Start of the sliding window ending at `now`. */
export const probeWindowStart = (now: Date): Date => new Date(now.getTime() - PROBE_ALERT_WINDOW_MS);

export function isProbingPattern(candidatesInWindow: number): boolean {
  return candidatesInWindow > PROBE_ALERT_CANDIDATES;
}

/**
 * Registrations one account may make per window (an outreach team registers dozens on an exit day, not hundreds a
 * minute).
 */
export const REGISTRATION_RATE_LIMIT = { hits: 120, windowSeconds: 60 } as const;
