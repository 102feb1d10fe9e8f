/** Proposing possible duplicates: one survivor on registration (or on demand), or everyone in the batch job. */
import { asSystem } from '../../db/transaction.ts';
import { audit, type AuditActor } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { rebuildSurvivorIndex, survivorIndex } from './index-cache.ts';
import { storeProposals, type ProposalOrigin, type ScoredPair } from './store.ts';

export interface CheckSummary { survivorId: string; proposals: number; newProposals: number }

/**
 * Scores one survivor against everyone registered, stores the pairs at or above the threshold as
 * proposals (never merging anything) and alerts the organisations involved. Runs as the system:
 * the other side of a pair may belong to another organisation. The hook for registration
 * (the lead enqueues job `matching.check` with `{ survivorId }` in the registration transaction).
 */
export async function checkSurvivorForDuplicates(app: AppContext, actor: AuditActor | null, survivorId: string, origin: ProposalOrigin = 'registration'): Promise<CheckSummary> {
  const idx = await survivorIndex(app, [survivorId]);
  const self = idx.survivors.get(survivorId);
  if (!self) throw notFound('survivor');
  const pairs: ScoredPair[] = idx.candidatesOf(survivorId).map((c) => ({
    left: { survivorId, organisationId: self.organisationId }, right: { survivorId: c.survivorId, organisationId: c.organisationId }, score: c.best,
  }));
  return asSystem(app.database, async (trx) => {
    const { stored, created } = await storeProposals(trx, app, idx.model, pairs, origin);
    await audit(trx, app, actor, 'match.check', 'survivor', survivorId, { proposals: stored, newProposals: created.length, proposalIds: created });
    return { survivorId, proposals: stored, newProposals: created.length };
  });
}

export interface DedupeSummary { survivors: number; pairs: number; newProposals: number }

/** Re-runs de-duplication over all survivors from a fresh index, reporting {phase, done, total}. */
export async function dedupeAllSurvivors(app: AppContext, actor: AuditActor | null, progress: (p: { phase: string; done: number; total: number }) => Promise<void>): Promise<DedupeSummary> {
  await progress({ phase: 'loading', done: 0, total: 0 });
  const idx = await rebuildSurvivorIndex(app);
  const ids = [...idx.survivors.keys()];
  const total = ids.length;
  await progress({ phase: 'loading', done: total, total });
  const seen = new Set<string>();
  const pairs: ScoredPair[] = [];
  const step = Math.max(1, Math.ceil(total / 20));
  for (let i = 0; i < total; i++) {
    const id = ids[i];
    const self = idx.survivors.get(id)!;
    for (const c of idx.candidatesOf(id)) {
      const key = id < c.survivorId ? `${id}|${c.survivorId}` : `${c.survivorId}|${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ left: { survivorId: id, organisationId: self.organisationId }, right: { survivorId: c.survivorId, organisationId: c.organisationId }, score: c.best });
    }
    if ((i + 1) % step === 0 || i === total - 1) await progress({ phase: 'scoring', done: i + 1, total });
  }
  await progress({ phase: 'storing', done: 0, total: pairs.length });
  const result = await asSystem(app.database, async (trx) => {
    const r = await storeProposals(trx, app, idx.model, pairs, 'batch');
    await audit(trx, app, actor, 'match.dedupe', 'match', null, { survivors: total, pairs: pairs.length, newProposals: r.created.length });
    return r;
  });
  await progress({ phase: 'storing', done: pairs.length, total: pairs.length });
  return { survivors: total, pairs: pairs.length, newProposals: result.created.length };
}
