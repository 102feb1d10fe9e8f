/**
 * Writing proposals within one organisation and their alerts, as the system. Rows hold ids, scores
 * and provenance only. Pairs across organisations go through blind.ts (holder asked, seeker blind).
 */
import { alertRank } from '../../core/alerts/rank.ts';
import type { ScoredCandidate } from '../../core/matching/match-index.ts';
import type { TrainedModel } from '../../core/matching/model.ts';
import type { ProposalOrigin } from '../../core/vocabulary.ts';
import { upsertAlerts } from '../../db/repositories/alerts.repository.ts';
import { upsertProposals, type ProposalInsert } from '../../db/repositories/matching/proposals.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';

export type { ProposalOrigin };

export interface ScoredPair {
  left: { survivorId: string; organisationId: string };
  right: { survivorId: string; organisationId: string };
  score: Pick<ScoredCandidate, 'matchWeight' | 'matchProbability' | 'provenance'>;
}

/** Weight each comparison contributed, from its stored level (term frequencies are off in the product model). */
export function weightsOf(model: TrainedModel, levels: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  model.comparators.forEach((c, i) => {
    const l = levels[c.name];
    out[c.name] = l === undefined || l < 0 ? 0 : model.weights[i]![l]!;
  });
  return out;
}

export function proposalRow(
  app: AppContext,
  model: TrainedModel,
  p: ScoredPair,
  origin: ProposalOrigin,
  at: string,
  holderSurvivorId: string | null = null,
): ProposalInsert {
  const [a, b] = p.left.survivorId < p.right.survivorId ? [p.left, p.right] : [p.right, p.left];
  const prov = p.score.provenance;
  return {
    id: app.newId(),
    survivorA: a.survivorId,
    survivorB: b.survivorId,
    organisationA: a.organisationId,
    organisationB: b.organisationId,
    matchWeight: p.score.matchWeight,
    matchProbability: p.score.matchProbability,
    priorWeight: model.priorWeight,
    levels: prov.levels,
    weights: weightsOf(model, prov.levels),
    settingsId: prov.settingsId,
    settingsVersion: prov.settingsVersion,
    threshold: prov.threshold,
    origin,
    createdAt: at,
    updatedAt: at,
    holderSurvivorId,
  };
}

/**
 * Stores pairs within one organisation and raises one possible_duplicate alert for each new pair.
 * Returns the new pairs' ids. A pair across organisations is refused here: it must go through
 * blind.ts, which decides who may learn of it.
 */
export async function storeProposals(
  trx: Tx,
  app: AppContext,
  model: TrainedModel,
  pairs: readonly ScoredPair[],
  origin: ProposalOrigin,
): Promise<{ stored: number; created: string[] }> {
  if (pairs.some((p) => p.left.organisationId !== p.right.organisationId))
    throw new Error('storeProposals stores pairs within one organisation only');
  const at = app.now().toISOString();
  const rows = pairs.map((p) => proposalRow(app, model, p, origin, at));
  const created: string[] = [];
  const byPair = new Map(
    rows.map((r, i) => [`${r.survivorA}|${r.survivorB}`, { r, checked: pairs[i]!.left.survivorId }]),
  );
  for (let i = 0; i < rows.length; i += 500) {
    const result = await upsertProposals(trx, rows.slice(i, i + 500));
    for (const res of result) {
      if (!res.inserted) continue;
      created.push(res.id);
      const { r, checked } = byPair.get(`${res.survivorA}|${res.survivorB}`)!;
      // The alert is about the survivor just checked (the newer registration).
      await upsertAlerts(trx, [
        {
          id: app.newId(),
          kind: 'possible_duplicate',
          organisationId: r.organisationA,
          severity: 'medium',
          rank: alertRank('medium', { aboutAPerson: true }),
          title: 'Possible duplicate registration in your organisation',
          dedupeKey: `possible_duplicate:${res.id}:${r.organisationA}`,
          subjectType: 'survivor',
          subjectId: checked,
          details: {
            proposalId: res.id,
            reasons: ['two registrations in your organisation look like the same person'],
          },
          at,
        },
      ]);
    }
  }
  return { stored: rows.length, created };
}
