/** Proposing possible duplicates: one survivor on registration (or on demand), or everyone in the batch job. */
import { enqueueJob } from '../../db/repositories/jobs.repository.ts';
import { findMatchSurvivors } from '../../db/repositories/matching/survivors.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import { audit, type AuditActor } from '../audit.service.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { storeCrossOrganisationPairs, type CrossOrganisationSummary } from './blind.service.ts';
import { rebuildSurvivorIndex, survivorIndex } from './index-cache.ts';
import { storeProposals, type ProposalOrigin, type ScoredPair } from './store.service.ts';

export interface CheckSummary {
  survivorId: string;
  proposals: number;
  newProposals: number;
}

/** The system job that searches other organisations' records for one survivor (core/matching/blind.ts). */
export const CROSS_ORGANISATION_JOB = 'matching.cross_org';

/**
 * Scores one survivor against everyone registered and stores the pairs within its organisation at
 * or above the threshold as proposals (never merging anything). Runs as the system. What it returns,
 * audits and stores as the organisation's is about its own records only, and takes the same steps
 * whatever other organisations hold: the search across organisations is always queued as a system
 * job (organisation NULL, invisible to the registering organisation), whether or not anything
 * elsewhere resembles the record. The hook for registration (job `matching.check` with `{ survivorId }`).
 */
export async function checkSurvivorForDuplicates(
  app: AppContext,
  actor: AuditActor | null,
  survivorId: string,
  origin: ProposalOrigin = 'registration',
): Promise<CheckSummary> {
  const idx = await survivorIndex(app, [survivorId]);
  const self = idx.survivors.get(survivorId);
  if (!self) throw notFound('survivor');
  const pairs: ScoredPair[] = idx
    .candidatesOf(survivorId)
    .filter((c) => c.organisationId === self.organisationId)
    .map((c) => ({
      left: { survivorId, organisationId: self.organisationId },
      right: { survivorId: c.survivorId, organisationId: c.organisationId },
      score: c.best,
    }));
  return asSystem(app.database, async (trx) => {
    const { stored, created } = await storeProposals(trx, app, idx.model, pairs, origin);
    await enqueueJob(trx, {
      id: app.newId(),
      kind: CROSS_ORGANISATION_JOB,
      payload: { survivorId },
      organisationId: null,
      createdBy: null,
    });
    await audit(trx, app, actor, 'match.check', 'survivor', survivorId, {
      proposals: stored,
      newProposals: created.length,
      proposalIds: created,
    });
    return { survivorId, proposals: stored, newProposals: created.length };
  });
}

/**
 * The system's search of other organisations' records for one survivor: blind candidates, proposals to holders, the
 * probing rule.
 */
export async function checkAcrossOrganisations(
  app: AppContext,
  survivorId: string,
  origin: ProposalOrigin = 'registration',
): Promise<CrossOrganisationSummary> {
  const idx = await survivorIndex(app, [survivorId]);
  const self = idx.survivors.get(survivorId);
  if (!self) throw notFound('survivor');
  const pairs: ScoredPair[] = idx
    .candidatesOf(survivorId)
    .filter((c) => c.organisationId !== self.organisationId)
    .map((c) => ({
      left: { survivorId, organisationId: self.organisationId },
      right: { survivorId: c.survivorId, organisationId: c.organisationId },
      score: c.best,
    }));
  return asSystem(app.database, async (trx) => {
    const survivors = await findMatchSurvivors(trx, [survivorId, ...pairs.map((p) => p.right.survivorId)]);
    return storeCrossOrganisationPairs(trx, app, idx.model, pairs, survivors, origin);
  });
}

export interface DedupeSummary {
  survivors: number;
  pairs: number;
  newProposals: number;
}

/**
 * Re-runs de-duplication over all survivors from a fresh index, reporting progress in per cent.
 * Pairs across organisations go through the blind path; the summary (which the starting
 * organisation reads as the job's result) counts that organisation's own survivors and pairs only.
 */
export async function dedupeAllSurvivors(
  app: AppContext,
  actor: AuditActor | null,
  progress: (p: { phase: string; done: number; total: number }) => Promise<void>,
): Promise<DedupeSummary> {
  await progress({ phase: 'loading', done: 0, total: 100 });
  const idx = await rebuildSurvivorIndex(app);
  const ids = [...idx.survivors.keys()];
  const total = ids.length;
  await progress({ phase: 'loading', done: 100, total: 100 });
  const seen = new Set<string>();
  const same: ScoredPair[] = [];
  const cross: ScoredPair[] = [];
  const step = Math.max(1, Math.ceil(total / 20));
  for (const [i, [id, self]] of [...idx.survivors].entries()) {
    for (const c of idx.candidatesOf(id)) {
      const key = id < c.survivorId ? `${id}|${c.survivorId}` : `${c.survivorId}|${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pair = {
        left: { survivorId: id, organisationId: self.organisationId },
        right: { survivorId: c.survivorId, organisationId: c.organisationId },
        score: c.best,
      };
      (c.organisationId === self.organisationId ? same : cross).push(pair);
    }
    if ((i + 1) % step === 0 || i === total - 1)
      await progress({ phase: 'scoring', done: Math.floor(((i + 1) / total) * 100), total: 100 });
  }
  await progress({ phase: 'storing', done: 0, total: 100 });
  const org = actor?.organisationId ?? null;
  const mine = (p: ScoredPair) => org === null || p.left.organisationId === org;
  const ownSurvivors = ids.filter((id) => org === null || idx.survivors.get(id)!.organisationId === org).length;
  const ownPairs = same.filter(mine);
  const result = await asSystem(app.database, async (trx) => {
    const own = await storeProposals(trx, app, idx.model, ownPairs, 'batch');
    const others = await storeProposals(
      trx,
      app,
      idx.model,
      same.filter((p) => !mine(p)),
      'batch',
    );
    const survivors = await findMatchSurvivors(trx, [
      ...new Set(cross.flatMap((p) => [p.left.survivorId, p.right.survivorId])),
    ]);
    const blind = await storeCrossOrganisationPairs(trx, app, idx.model, cross, survivors, 'batch');
    // The system audit keeps the whole run; the starting organisation's audit and figures are its own.
    await audit(trx, app, null, 'match.dedupe_run', 'match', null, {
      survivors: total,
      pairs: same.length + cross.length,
      newProposals: own.created.length + others.created.length + blind.newProposals,
      newCandidates: blind.newCandidates,
    });
    await audit(trx, app, actor, 'match.dedupe', 'match', null, {
      survivors: ownSurvivors,
      pairs: ownPairs.length,
      newProposals: own.created.length,
    });
    return { newProposals: own.created.length };
  });
  await progress({ phase: 'storing', done: 100, total: 100 });
  return { survivors: ownSurvivors, pairs: ownPairs.length, newProposals: result.newProposals };
}
