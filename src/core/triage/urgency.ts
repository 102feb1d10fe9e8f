/**
 * Triage order for the exit-day board. One order, stated twice:
 *  - compareNeedsByUrgency: the in-memory comparator, written out rule by rule;
 *  - TRIAGE_SORT_KEYS / triageSortValues: the same order as an ordered list of sort keys, so the
 *    persistence layer can express it in SQL (ORDER BY … with an index). A property test keeps the
 *    two in agreement.
 * Order (most urgent first):
 *  1. medical_urgent needs before everything else;
 *  2. effective priority: the need's priority moved one step more urgent for each vulnerability
 *     boost (survivor under 18; case risk critical), never past "urgent";
 *  3. waiting time, longest first (= earliest createdAt; independent of "now", so SQL can index it);
 *  4. need id, as a final tie-break so the order is total and stable (compare as bytes: COLLATE "C").
 */
import {
  NEED_PRIORITIES,
  type AgeBand,
  type LocationKind,
  type NeedKind,
  type NeedPriority,
  type NeedStatus,
  type RiskLevel,
} from '../vocabulary.ts';
import { toDate, type Instant } from '../cases/clock.ts';
import { message, type Message } from '../message.ts';

export interface TriageSurvivor {
  readonly ageBand?: AgeBand | null;
  readonly nationalities: readonly string[];
  readonly locationKind?: LocationKind | null;
}

export interface TriageNeed {
  readonly id: string;
  readonly kind: NeedKind;
  readonly priority: NeedPriority;
  readonly status: NeedStatus;
  readonly createdAt: Instant;
  readonly survivor: TriageSurvivor;
  readonly caseRisk?: RiskLevel | null;
}

export const VULNERABILITY_BOOSTS = ['under_18', 'critical_risk'] as const;
export type VulnerabilityBoost = (typeof VULNERABILITY_BOOSTS)[number];

export function vulnerabilityBoosts(need: TriageNeed): VulnerabilityBoost[] {
  const boosts: VulnerabilityBoost[] = [];
  if (need.survivor.ageBand === 'under_18') boosts.push('under_18');
  if (need.caseRisk === 'critical') boosts.push('critical_risk');
  return boosts;
}

/** 0 for medical_urgent needs, 1 for the rest. */
export const urgencyTier = (need: Pick<TriageNeed, 'kind'>): 0 | 1 => (need.kind === 'medical_urgent' ? 0 : 1);

/** 0 = urgent … 3 = low, after vulnerability boosts. */
export function effectivePriority(need: TriageNeed): number {
  return Math.max(0, NEED_PRIORITIES.indexOf(need.priority) - vulnerabilityBoosts(need).length);
}

export interface UrgencyRank {
  readonly tier: 0 | 1;
  readonly effectivePriority: number;
  readonly effectivePriorityLabel: NeedPriority;
  readonly boosts: VulnerabilityBoost[];
  /** Milliseconds waited so far (0 when createdAt is in the future, e.g. an offline phone's clock). */
  readonly waitingMs: number;
  /** One plain sentence for the board's tooltip. */
  readonly explanation: string;
  /** The same sentence as a key and parameters, for the web to show in the reader's language. */
  readonly explanationMessage: Message;
}

/** The keys urgencyRank's explanationMessage uses (namespace `server`). */
export const URGENCY_MESSAGE_KEYS = [
  'triage.urgency',
  'triage.urgency_raised',
  'triage.urgency_medical',
  'triage.urgency_medical_raised',
] as const;

export function urgencyRank(need: TriageNeed, now: Instant): UrgencyRank {
  const tier = urgencyTier(need);
  const eff = effectivePriority(need);
  const boosts = vulnerabilityBoosts(need);
  const waitingMs = Math.max(0, toDate(now).getTime() - toDate(need.createdAt).getTime());
  const hours = Math.floor(waitingMs / 3_600_000);
  const parts = [
    tier === 0 ? 'urgent medical need (always first)' : `${need.kind.replaceAll('_', ' ')} need`,
    `priority ${NEED_PRIORITIES[eff]}` +
      (boosts.length ? ` (raised from ${need.priority}: ${boosts.map((b) => b.replace('_', ' ')).join(', ')})` : ''),
    `waiting ${hours} h`,
  ];
  return {
    tier,
    effectivePriority: eff,
    effectivePriorityLabel: NEED_PRIORITIES[eff]!,
    boosts,
    waitingMs,
    explanation: parts.join('; '),
    explanationMessage: message(
      `triage.urgency${tier === 0 ? '_medical' : ''}${boosts.length ? '_raised' : ''}`,
      boosts.length
        ? { needKind: need.kind, priority: NEED_PRIORITIES[eff]!, raisedFrom: need.priority, boosts, hours }
        : { needKind: need.kind, priority: NEED_PRIORITIES[eff]!, hours },
    ),
  };
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` is more urgent than `b`. A total order (ids are unique). */
export function compareNeedsByUrgency(a: TriageNeed, b: TriageNeed): number {
  const aMed = a.kind === 'medical_urgent';
  const bMed = b.kind === 'medical_urgent';
  if (aMed !== bMed) return aMed ? -1 : 1;
  const pa = effectivePriority(a);
  const pb = effectivePriority(b);
  if (pa !== pb) return pa - pb;
  const ta = toDate(a.createdAt).getTime();
  const tb = toDate(b.createdAt).getTime();
  if (ta !== tb) return ta - tb;
  return byBytes(a.id, b.id);
}

export interface SortKey {
  readonly name: 'urgency_tier' | 'effective_priority' | 'created_at' | 'id';
  readonly direction: 'asc' | 'desc';
  readonly description: string;
  /**
   * A PostgreSQL expression for this key, over columns named kind, priority, created_at, id
   * (the need), age_band (the survivor) and risk_level (the case). A suggestion for the
   * persistence layer: store urgency_tier and effective_priority as columns to index them.
   */
  readonly sql: string;
}

const PRIORITY_SQL = `CASE priority ${NEED_PRIORITIES.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} END`;

export const TRIAGE_SORT_KEYS: readonly SortKey[] = Object.freeze([
  {
    name: 'urgency_tier',
    direction: 'asc',
    description: '0 for medical_urgent, 1 otherwise',
    sql: `CASE WHEN kind = 'medical_urgent' THEN 0 ELSE 1 END`,
  },
  {
    name: 'effective_priority',
    direction: 'asc',
    description: 'priority index (urgent 0 … low 3) minus one per vulnerability boost, at least 0',
    sql:
      `GREATEST(0, ${PRIORITY_SQL} - (CASE WHEN age_band = 'under_18' THEN 1 ELSE 0 END) ` +
      `- (CASE WHEN risk_level = 'critical' THEN 1 ELSE 0 END))`,
  },
  { name: 'created_at', direction: 'asc', description: 'earliest first = longest waiting first', sql: 'created_at' },
  { name: 'id', direction: 'asc', description: 'tie-break, byte order', sql: 'id COLLATE "C"' },
]);

/** The ordered list of sort keys (a function so callers cannot mutate a shared array). */
export function triageSortKeys(): SortKey[] {
  return TRIAGE_SORT_KEYS.map((k) => ({ ...k }));
}

export type SortValue = number | string;

/** The values of TRIAGE_SORT_KEYS for one need, in key order (what SQL would compute per row). */
export function triageSortValues(need: TriageNeed): SortValue[] {
  return [urgencyTier(need), effectivePriority(need), toDate(need.createdAt).getTime(), need.id];
}

/** Lexicographic comparison of two value tuples under the given keys' directions. */
export function compareSortValues(
  keys: readonly Pick<SortKey, 'direction'>[],
  a: readonly SortValue[],
  b: readonly SortValue[],
): number {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i];
    const y = b[i];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : byBytes(String(x), String(y));
    if (c !== 0) return keys[i]!.direction === 'asc' ? c : -c;
  }
  return 0;
}
