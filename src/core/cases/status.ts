/**
 * The case status machine: one organisation's assistance to one survivor.
 *
 * Forward path: open → assessed → assisting → awaiting_documents → awaiting_travel → repatriated,
 * with closed and lost_contact reachable from any active state. Choices made here (why):
 * - Going back is allowed where real casework goes back:
 *   awaiting_travel → awaiting_documents (a document was rejected or expired before the flight),
 *   awaiting_travel → assisting and awaiting_documents → assisting (hospital stay, court case, the
 *   survivor decides not to return yet), lost_contact → assisting (contact regained; the case resumes
 *   with a fresh look rather than jumping straight back into a travel queue).
 * - assessed may go straight to awaiting_documents: many exit-day cases need nothing but papers.
 * - assisting may skip to awaiting_travel when the survivor still holds their passport.
 * - repatriated is not terminal: post-return follow-ups can fail (→ lost_contact) and the case is
 *   eventually closed. It never returns to an in-country state; a new case is opened instead.
 * - closed is terminal for everyone except an admin, who may reopen (→ open) with a reason, so the
 *   history shows why. Closing always needs a reason too.
 * - Guards: → assessed needs a recorded screening; awaiting_documents → awaiting_travel needs a
 *   travel document ready (passport held or emergency travel document issued).
 */
import type { CaseStatus, Role } from '../vocabulary.ts';

export type CaseTransitionGuard = 'reason' | 'admin' | 'screening_recorded' | 'travel_document_ready';

export interface CaseTransitionRule {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  /** Every guard listed must hold. */
  readonly guards: readonly CaseTransitionGuard[];
  /** Why this edge exists, shown to reviewers of the table. */
  readonly why: string;
}

const rule = (from: CaseStatus, to: CaseStatus, why: string, guards: CaseTransitionGuard[] = []): CaseTransitionRule =>
  Object.freeze({ from, to, why, guards: Object.freeze(guards) });

/** Every allowed transition. Anything not listed is refused. */
export const CASE_TRANSITIONS: readonly CaseTransitionRule[] = Object.freeze([
  rule('open', 'assessed', 'screening and needs assessment done', ['screening_recorded']),
  rule('open', 'closed', 'duplicate, declined assistance or referred away', ['reason']),
  rule('open', 'lost_contact', 'survivor unreachable before assessment'),

  rule('assessed', 'assisting', 'assistance under way'),
  rule('assessed', 'awaiting_documents', 'only papers are needed before return'),
  rule('assessed', 'closed', 'no further assistance needed or wanted', ['reason']),
  rule('assessed', 'lost_contact', 'survivor unreachable'),

  rule('assisting', 'awaiting_documents', 'travel document requested'),
  rule('assisting', 'awaiting_travel', 'passport held, ready for travel arrangements', ['travel_document_ready']),
  rule('assisting', 'closed', 'assistance finished without repatriation', ['reason']),
  rule('assisting', 'lost_contact', 'survivor unreachable'),

  rule('awaiting_documents', 'awaiting_travel', 'travel document issued', ['travel_document_ready']),
  rule('awaiting_documents', 'assisting', 'return paused (medical, legal, survivor choice)'),
  rule('awaiting_documents', 'closed', 'assistance finished', ['reason']),
  rule('awaiting_documents', 'lost_contact', 'survivor unreachable'),

  rule('awaiting_travel', 'repatriated', 'survivor arrived home'),
  rule('awaiting_travel', 'awaiting_documents', 'document rejected or expired before departure'),
  rule('awaiting_travel', 'assisting', 'travel postponed (medical, legal, survivor choice)'),
  rule('awaiting_travel', 'closed', 'assistance finished', ['reason']),
  rule('awaiting_travel', 'lost_contact', 'survivor unreachable'),

  rule('repatriated', 'closed', 'post-return follow-up finished', ['reason']),
  rule('repatriated', 'lost_contact', 'post-return follow-ups failed'),

  rule('lost_contact', 'assisting', 'contact regained'),
  rule('lost_contact', 'closed', 'search ended', ['reason']),

  rule('closed', 'open', 'reopened by an administrator', ['admin', 'reason']),
]);

export interface CaseTransitionContext {
  readonly actorRole: Role;
  readonly reason?: string;
  /** A screening has been saved for this case. */
  readonly screeningRecorded?: boolean;
  /** The survivor holds a valid passport or an emergency travel document has been issued. */
  readonly travelDocumentReady?: boolean;
}

export type TransitionResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const hasText = (s: string | undefined): boolean => typeof s === 'string' && s.trim().length > 0;

export function findCaseTransition(from: CaseStatus, to: CaseStatus): CaseTransitionRule | undefined {
  return CASE_TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/** Statuses reachable from `from` in one step (for the UI's action menu). */
export function nextCaseStatuses(from: CaseStatus): CaseStatus[] {
  return CASE_TRANSITIONS.filter((r) => r.from === from).map((r) => r.to);
}

export function transitionCase(current: CaseStatus, next: CaseStatus, ctx: CaseTransitionContext): TransitionResult {
  if (current === next) return { ok: false, reason: `case is already ${current}` };
  const found = findCaseTransition(current, next);
  if (!found) {
    const allowed = nextCaseStatuses(current);
    return {
      ok: false,
      reason:
        `a case cannot go from ${current} to ${next}` + (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''),
    };
  }
  for (const guard of found.guards) {
    switch (guard) {
      case 'admin':
        if (ctx.actorRole !== 'admin')
          return { ok: false, reason: `only an admin may move a case from ${current} to ${next}` };
        break;
      case 'reason':
        if (!hasText(ctx.reason)) return { ok: false, reason: `moving a case to ${next} needs a reason` };
        break;
      case 'screening_recorded':
        if (ctx.screeningRecorded !== true)
          return { ok: false, reason: 'record a screening before marking the case assessed' };
        break;
      case 'travel_document_ready':
        if (ctx.travelDocumentReady !== true) {
          return { ok: false, reason: 'the survivor needs a passport or an issued emergency travel document first' };
        }
        break;
    }
  }
  return { ok: true };
}

/** Statuses in which the organisation is still actively working the case. */
export const ACTIVE_CASE_STATUSES: readonly CaseStatus[] = Object.freeze([
  'open',
  'assessed',
  'assisting',
  'awaiting_documents',
  'awaiting_travel',
]);

export function isActiveCase(status: CaseStatus): boolean {
  return ACTIVE_CASE_STATUSES.includes(status);
}
