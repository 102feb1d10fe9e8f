/**
 * Risk level is kept apart from case status: a case can be awaiting_travel and critical at once.
 * Rules: events only ever raise risk (raiseRisk never lowers); lowering is a separate, deliberate
 * act by a person with a written reason (lowerRisk), so a risk never drops silently.
 */
import { RISK_LEVELS, type RiskLevel } from '../vocabulary.ts';

export type RiskCause =
  /** One follow-up check-in missed: one level up. */
  | { readonly kind: 'missed_follow_up' }
  /** No way to reach the survivor any more: at least high. */
  | { readonly kind: 'lost_contact' }
  /** Threats from recruiters, debt collectors or compound staff: at least high. */
  | { readonly kind: 'threat_reported' }
  /** Reported back inside a compound: critical. */
  | { readonly kind: 'seen_in_compound' }
  /** A caseworker's assessment proposing a level; only applied if it is higher. */
  | { readonly kind: 'assessment'; readonly level: RiskLevel };

export const riskIndex = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

export const maxRisk = (a: RiskLevel, b: RiskLevel): RiskLevel => (riskIndex(a) >= riskIndex(b) ? a : b);

export function stepRisk(level: RiskLevel, steps: number): RiskLevel {
  const i = Math.min(RISK_LEVELS.length - 1, Math.max(0, riskIndex(level) + steps));
  return RISK_LEVELS[i]!;
}

/** The level a cause proposes on its own, before comparing with the current level. */
function proposed(current: RiskLevel, cause: RiskCause): RiskLevel {
  switch (cause.kind) {
    case 'missed_follow_up':
      return stepRisk(current, 1);
    case 'lost_contact':
    case 'threat_reported':
      return 'high';
    case 'seen_in_compound':
      return 'critical';
    case 'assessment':
      return cause.level;
  }
}

/** Never lowers: the result is at least `current`. */
export function raiseRisk(current: RiskLevel, cause: RiskCause): RiskLevel {
  return maxRisk(current, proposed(current, cause));
}

export type RiskChangeResult =
  { readonly ok: true; readonly level: RiskLevel } | { readonly ok: false; readonly reason: string };

/** A person lowering risk must say why; raising through here is refused (use raiseRisk). */
export function lowerRisk(current: RiskLevel, to: RiskLevel, reason: string | undefined): RiskChangeResult {
  if (riskIndex(to) >= riskIndex(current)) return { ok: false, reason: `${to} is not lower than ${current}` };
  if (!reason || reason.trim() === '') return { ok: false, reason: 'lowering a risk level needs a reason' };
  return { ok: true, level: to };
}
