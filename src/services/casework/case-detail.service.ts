import { urgencyRank } from '../../core/triage/urgency.ts';
import type { CaseDetail, NeedView, TimelineEntryView } from '../../contracts/casework/cases.ts';
import { describeTimelineEntry, type TimelineParams } from '../../core/cases/timeline.ts';
import {
  caseAudienceOf,
  discloseTimelineEntry,
  timelineOrganisationNames,
  type CaseAudience,
} from '../../core/disclosure/index.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { findOrganisations } from '../../db/repositories/casework/cases.repository.ts';
import { listCaseEvents, type CaseEventRow } from '../../db/repositories/casework/case-events.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import { followUpsOfCase } from '../../db/repositories/casework/followups.repository.ts';
import { listNeedsOfCase, type NeedRow } from '../../db/repositories/casework/needs.repository.ts';
import { listAttachments, listNotes, latestScreening } from '../../db/repositories/casework/records.repository.ts';
import { referralsOfSurvivor } from '../../db/repositories/casework/referrals.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { decodeCursor, encodeCursor, loadVisibleCase } from './access.service.ts';
import { presentCase } from './cases.service.ts';
import { openAttachment, openNote } from './case-records.service.ts';
import { presentScreening } from './screening.service.ts';
import { presentSurvivor } from './survivor-presenter.ts';
import type { SurvivorView } from '../../contracts/casework/survivors.ts';
import { findCompound } from '../../db/repositories/monitoring/compounds.repository.ts';

export function presentNeed(n: NeedRow, now: Date): NeedView {
  const rank = urgencyRank(
    {
      id: n.id,
      kind: n.kind,
      priority: n.priority,
      status: n.status,
      createdAt: n.createdAt,
      survivor: {
        ageBand: n.ageBand,
        nationalities: n.nationalities,
        locationKind: n.locationKind,
      },
      caseRisk: n.caseRisk,
    },
    now,
  );
  return {
    id: n.id,
    caseId: n.caseId,
    kind: n.kind,
    priority: n.priority,
    status: n.status,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    urgency: {
      tier: rank.tier,
      effectivePriority: rank.effectivePriorityLabel,
      boosts: rank.boosts,
      waitingHours: Math.floor(rank.waitingMs / 3_600_000),
      explanation: rank.explanation,
      explanationMessage: rank.explanationMessage,
    },
    version: n.version,
  };
}

/**
 * Timeline entries through core/disclosure discloseTimelineEntry: entries the audience may not
 * see are dropped, params narrowed, the free text opened only for the organisation that wrote it,
 * and organisation names resolved only where the view allows them.
 */
async function presentTimeline(
  trx: Tx,
  app: AppContext,
  audience: CaseAudience,
  viewerOrganisationId: string,
  rows: readonly CaseEventRow[],
): Promise<TimelineEntryView[]> {
  const shown = rows.flatMap((e) => {
    const d = discloseTimelineEntry(audience, viewerOrganisationId, {
      id: e.id,
      kind: e.kind,
      at: e.at,
      actorUserId: e.actorUserId,
      organisationId: e.organisationId,
      params: e.params as TimelineParams,
      detail: () =>
        e.detailEnc ? app.cipher.decrypt(e.detailEnc, encryptionContext('case_events', 'detail_enc', e.id)) : null,
    });
    return d ? [d] : [];
  });
  const ids = timelineOrganisationNames(audience)
    ? [...new Set(shown.flatMap((e) => (typeof e.params.organisationId === 'string' ? [e.params.organisationId] : [])))]
    : [];
  const orgs = ids.length ? await findOrganisations(trx, ids) : new Map();
  return shown.map((e) => {
    const names: Record<string, string> = {};
    const id = e.params.organisationId;
    if (typeof id === 'string' && orgs.get(id)) names[id] = orgs.get(id)!.name;
    return {
      ...e,
      params: { ...e.params } as TimelineEntryView['params'],
      organisationNames: names,
      summary: describeTimelineEntry(e.kind, e.params, (o) => names[o] ?? null),
    };
  });
}

/** The survivor's compound of the registry, named as the registry's first name. */
async function linkedCompound(trx: Tx, id: string | null): Promise<SurvivorView['compoundLink']> {
  const c = id ? await findCompound(trx, id) : null;
  return c ? { id: c.id, name: c.names[0]?.name ?? c.id, country: c.country } : null;
}

/** Everything the actor may see about one case. Audited as survivor.read (every view of a survivor record is). */
export async function getCaseDetail(app: AppContext, actor: RequestActor, caseId: string): Promise<CaseDetail> {
  return asActor(app.database, actor, async (trx) => {
    const { kase, survivor, access } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    const referrals = await referralsOfSurvivor(trx, survivor.id);
    const now = app.now();
    const owner = access === 'owner';
    const audience = caseAudienceOf(access);
    // Row-level security already limits notes, needs, screenings and follow-ups to the owner; skip the queries
    // otherwise.
    const [screening, needs, notes, attachments, followUps, events] = await Promise.all([
      owner ? latestScreening(trx, caseId) : undefined,
      owner ? listNeedsOfCase(trx, caseId) : [],
      owner ? listNotes(trx, caseId, 100) : [],
      owner ? listAttachments(trx, caseId, 100) : [],
      owner ? followUpsOfCase(trx, caseId) : [],
      listCaseEvents(trx, caseId, 200),
    ]);
    await audit(trx, app, actor, 'survivor.read', 'survivor', survivor.id, { caseId, access });
    return {
      case: presentCase(kase, audience),
      survivor: presentSurvivor(
        app,
        audience,
        survivor,
        actor.organisationId,
        kase.organisationId,
        referrals.map((r) => ({
          fromOrganisationId: r.fromOrganisationId,
          toOrganisationId: r.toOrganisationId,
          state: r.state as 'accepted',
          frozen: r.frozenAt !== null,
        })),
        await linkedCompound(trx, survivor.compoundId),
      ),
      access,
      screening: screening ? presentScreening(app, screening) : null,
      needs: needs.map((n) => presentNeed(n, now)),
      notes: notes.map((n) => openNote(app, n)),
      attachments: attachments.map((a) => openAttachment(app, a)),
      followUps: followUps.map((f) => ({
        id: f.id,
        dueAt: f.dueAt,
        completedAt: f.completedAt,
        outcome: f.outcome,
      })),
      timeline: await presentTimeline(trx, app, audience, actor.organisationId, events),
    };
  });
}

export async function getCaseTimeline(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  limit: number,
  cursor?: string,
): Promise<{ items: TimelineEntryView[]; nextCursor: string | null }> {
  const before = decodeCursor(cursor, ['instant', 'uuid']);
  return asActor(app.database, actor, async (trx) => {
    const { access } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    const rows = await listCaseEvents(
      trx,
      caseId,
      limit,
      before ? { at: String(before[0]), id: String(before[1]) } : undefined,
    );
    const last = rows[rows.length - 1];
    return {
      items: await presentTimeline(trx, app, caseAudienceOf(access), actor.organisationId, rows),
      nextCursor: rows.length === limit && last ? encodeCursor([last.at, last.id]) : null,
    };
  });
}
