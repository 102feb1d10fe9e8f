/**
 * Which compound operators, owners, landlords and protectors screen as sanctioned entities: the hits that become
 * `sanctions_hit` alerts (one per compound and entity, so re-screening refreshes rather than repeats). A hit is a
 * suggestion for a person to confirm; nothing is linked by it.
 */
import { alertRank } from '../alerts/rank.ts';
import type { CompoundOperator } from '../compounds/compound-types.ts';
import { message, type Message } from '../message.ts';
import type { ScreenCandidate } from './screen-score.ts';

export interface ScreenedCompound {
  id: string;
  name: string;
  operators: readonly CompoundOperator[];
}

export interface SanctionsHit {
  dedupeKey: string;
  compoundId: string;
  operatorName: string;
  role: CompoundOperator['role'];
  entityId: string;
  score: number;
  rank: number;
  title: string;
  /** The title for the web to word in the reader's language (namespace `server`). */
  titleMessage: Message;
  reasons: string[];
}

/** The keys sanctions-hit titles use (namespace `server`). */
export const NETWORK_ALERT_MESSAGE_KEYS = ['networks.alert.sanctions_hit'] as const;

export const isSanctioned = (c: Pick<ScreenCandidate, 'topics'>): boolean =>
  c.topics.some((t) => t === 'sanction' || t.startsWith('sanction.'));

export function sanctionsHits(
  compounds: readonly ScreenedCompound[],
  screen: (operator: CompoundOperator) => readonly ScreenCandidate[],
): SanctionsHit[] {
  const out: SanctionsHit[] = [];
  const seen = new Set<string>();
  for (const compound of compounds) {
    for (const operator of compound.operators) {
      for (const c of screen(operator)) {
        if (!c.match || !isSanctioned(c)) continue;
        const dedupeKey = `sanctions_hit:${compound.id}:${c.id}`;
        if (seen.has(dedupeKey)) continue;
        seen.add(dedupeKey);
        out.push({
          dedupeKey,
          compoundId: compound.id,
          operatorName: operator.name,
          role: operator.role,
          entityId: c.id,
          score: c.score,
          rank: alertRank('high', { aboutAPerson: false, confidence: c.score }),
          title: `${compound.name}: ${operator.role} “${operator.name}” may be the sanctioned ${c.schema} “${c.caption}”`,
          // Names as registered and listed (no language); the role is vocabulary the web words.
          titleMessage: message('networks.alert.sanctions_hit', {
            compound: compound.name,
            operatorRole: operator.role,
            operator: operator.name,
            entity: c.caption,
          }),
          reasons: c.features.map((f) => f.reason),
        });
      }
    }
  }
  return out;
}
