/** Use cases over proposals: list, open, decide (within an organisation), check on demand, start the batch job. */
import type { ProposalList, ProposalListQuery, ProposalView } from '../../contracts/matching.ts';
import { findOrganisations, type OrganisationInfo } from '../../db/repositories/casework/cases.repository.ts';
import { latestLinkRequests } from '../../db/repositories/matching/link-requests.repository.ts';
import {
  findProposal,
  listProposals,
  setProposalStatus,
  type ProposalRow,
  type ProposalStatus,
} from '../../db/repositories/matching/proposals.repository.ts';
import { findMatchSurvivors } from '../../db/repositories/matching/survivors.repository.ts';
import { survivorVisible } from '../../db/repositories/survivors.repository.ts';
import { asActor, asSystem, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise, decodeCursor, encodeCursor } from '../casework/access.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { enqueue } from '../jobs.service.ts';
import { checkSurvivorForDuplicates, type CheckSummary } from './check.service.ts';
import { presentProposal } from './present.service.ts';

interface Loaded {
  rows: ProposalRow[];
  links: Awaited<ReturnType<typeof latestLinkRequests>>;
  orgs: Map<string, OrganisationInfo>;
}

async function loadAround(trx: Tx, actor: RequestActor, rows: ProposalRow[]): Promise<Loaded> {
  const links = await latestLinkRequests(
    trx,
    rows.map((r) => r.id),
  );
  const orgs = await findOrganisations(trx, [
    ...new Set([actor.organisationId, ...rows.flatMap((r) => [r.organisationA, r.organisationB])]),
  ]);
  return { rows, links, orgs };
}

/**
 * Turns RLS-filtered rows into views: the survivors behind them are read as the system (the other
 * side may belong to another organisation), then every survivor shown is audited as the actor.
 */
async function present(
  app: AppContext,
  actor: RequestActor,
  loaded: Loaded,
  view: string,
  focusSurvivorId?: string,
): Promise<ProposalView[]> {
  if (loaded.rows.length === 0) return [];
  const ids = [...new Set(loaded.rows.flatMap((r) => [r.survivorA, r.survivorB]))];
  const survivors = await asSystem(app.database, (trx) => findMatchSurvivors(trx, ids));
  const viewerOrganisation = loaded.orgs.get(actor.organisationId);
  if (!viewerOrganisation) throw forbidden('your organisation no longer exists', 'organisation_gone');
  const shown = new Set<string>();
  const views: ProposalView[] = [];
  for (const proposal of loaded.rows) {
    // Row-level security already hides pairs the viewer may not know of; the core rule is applied again here.
    const p = presentProposal(app, {
      viewerOrganisationId: actor.organisationId,
      viewerOrganisation,
      proposal,
      link: loaded.links.get(proposal.id),
      survivors,
      organisations: loaded.orgs,
      focusSurvivorId,
    });
    if (!p) continue;
    p.shownSurvivorIds.forEach((id) => shown.add(id));
    views.push(p.view);
  }
  await asActor(app.database, actor, async (trx) => {
    await audit(trx, app, actor, 'match.read', 'match', views.length === 1 ? views[0]!.id : null, {
      view,
      proposalIds: views.map((v) => v.id),
    });
    await audit(trx, app, actor, 'survivor.read', 'survivor', null, { view: `match_${view}`, survivorIds: [...shown] });
  });
  return views;
}

export async function listOrganisationProposals(
  app: AppContext,
  actor: RequestActor,
  q: ProposalListQuery,
): Promise<ProposalList> {
  authorise(actor, 'read', 'match');
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  const loaded = await asActor(app.database, actor, async (trx) =>
    loadAround(
      trx,
      actor,
      await listProposals(trx, {
        organisationId: actor.organisationId,
        statuses: q.status,
        limit: q.limit,
        sameOrganisation: q.scope === undefined ? undefined : q.scope === 'same',
        after: after ? { createdAt: String(after[0]), id: String(after[1]) } : undefined,
      }),
    ),
  );
  const items = await present(app, actor, loaded, 'list');
  const last = loaded.rows[loaded.rows.length - 1];
  return { items, nextCursor: loaded.rows.length === q.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

/** The survivor must be one the actor's organisation may see (row-level security decides; 404 otherwise). */
async function visibleSurvivor(trx: Tx, survivorId: string): Promise<void> {
  if (!(await survivorVisible(trx, survivorId))) throw notFound('survivor');
}

export async function survivorProposals(
  app: AppContext,
  actor: RequestActor,
  survivorId: string,
  q: { limit: number; cursor?: string },
): Promise<ProposalList> {
  authorise(actor, 'read', 'match');
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  const loaded = await asActor(app.database, actor, async (trx) => {
    await visibleSurvivor(trx, survivorId);
    return loadAround(
      trx,
      actor,
      await listProposals(trx, {
        organisationId: actor.organisationId,
        survivorId,
        limit: q.limit,
        after: after ? { createdAt: String(after[0]), id: String(after[1]) } : undefined,
      }),
    );
  });
  const items = await present(app, actor, loaded, 'survivor', survivorId);
  const last = loaded.rows[loaded.rows.length - 1];
  return { items, nextCursor: loaded.rows.length === q.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

export async function getProposal(app: AppContext, actor: RequestActor, proposalId: string): Promise<ProposalView> {
  authorise(actor, 'read', 'match');
  const loaded = await asActor(app.database, actor, async (trx) => {
    const row = await findProposal(trx, proposalId);
    if (!row) throw notFound('proposal');
    return loadAround(trx, actor, [row]);
  });
  const [view] = await present(app, actor, loaded, 'detail');
  if (!view) throw notFound('proposal');
  return view;
}

/** Decisions a person takes on a pair within one organisation. Nothing is merged or deleted: only the status moves. */
const DECISIONS: Record<'confirm' | 'reject' | 'undo', { from: readonly ProposalStatus[]; to: ProposalStatus }> = {
  confirm: { from: ['proposed', 'undone'], to: 'confirmed' },
  reject: { from: ['proposed', 'undone'], to: 'rejected' },
  undo: { from: ['confirmed', 'rejected'], to: 'undone' },
};

export async function decideProposal(
  app: AppContext,
  actor: RequestActor,
  proposalId: string,
  decision: 'confirm' | 'reject' | 'undo',
): Promise<ProposalView> {
  authorise(actor, 'update', 'match');
  await asActor(app.database, actor, async (trx) => {
    const row = await findProposal(trx, proposalId, true);
    if (!row) throw notFound('proposal');
    if (row.organisationA !== row.organisationB)
      throw conflict('a match with another organisation is decided by accepting or declining its link request');
    const rule = DECISIONS[decision];
    if (!rule.from.includes(row.status))
      throw conflict(`a ${row.status} match cannot be ${decision === 'undo' ? 'undone' : `${decision}ed`}`);
    await setProposalStatus(trx, proposalId, rule.to, actor.userId, app.now().toISOString());
    await audit(trx, app, actor, `match.${decision}`, 'match', proposalId, { from: row.status, to: rule.to });
  });
  return getProposal(app, actor, proposalId);
}

/** On demand: score one of the organisation's survivors again now. */
export async function checkSurvivorOnDemand(
  app: AppContext,
  actor: RequestActor,
  survivorId: string,
): Promise<CheckSummary> {
  authorise(actor, 'create', 'match');
  await asActor(app.database, actor, (trx) => visibleSurvivor(trx, survivorId));
  return checkSurvivorForDuplicates(app, actor, survivorId, 'registration');
}

/** Starts the batch de-duplication job; progress is read through GET /api/jobs/:id. */
export async function startDedupe(app: AppContext, actor: RequestActor): Promise<{ jobId: string }> {
  authorise(actor, 'manage', 'match');
  return { jobId: await enqueue(app, actor, 'matching.dedupe', {}) };
}
