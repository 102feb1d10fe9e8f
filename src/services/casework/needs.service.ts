import { effectivePriority, urgencyRank, urgencyTier } from '../../core/triage/urgency.ts';
import type { AgeBand, LocationKind, NeedKind, NeedPriority, NeedStatus, RiskLevel } from '../../core/vocabulary.ts';
import type { NeedView, TriageItem, TriageQuery } from '../../contracts/casework/index.ts';
import { listsShowNames, namesIn, preferredNames } from './list-names.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  findNeed,
  needsInsert,
  needUpdate,
  triageBoardInOneCall,
  triageBoardPastWalk,
  type NeedInsert,
  type TriageFilter,
  type TriageRow,
} from '../../db/repositories/casework/needs.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { writeTogether } from '../../db/write-together.ts';
import { keepAnswer, type OnceKey } from '../idempotency.service.ts';
import { auditWrite } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { checkVersion, conflict, forbidden, notFound } from '../errors.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import { authorise, caseEventWrite, decodeCursor, encodeCursor, loadVisibleCase } from './access.service.ts';
import { presentNeed } from './case-detail.service.ts';

/** A need row with the triage copies filled from its case and survivor. */
export function buildNeed(input: {
  id: string;
  caseId: string;
  organisationId: string;
  kind: NeedKind;
  priority: NeedPriority;
  status?: NeedStatus;
  noteEnc: string | null;
  createdBy: string | null;
  at: string;
  ageBand: AgeBand | null;
  nationalities: string[];
  locationKind: LocationKind;
  caseRisk: RiskLevel;
}): NeedInsert {
  const shape = {
    id: input.id,
    kind: input.kind,
    priority: input.priority,
    status: input.status ?? 'open',
    createdAt: input.at,
    survivor: { ageBand: input.ageBand, nationalities: input.nationalities },
    caseRisk: input.caseRisk,
  };
  return {
    id: input.id,
    caseId: input.caseId,
    organisationId: input.organisationId,
    kind: input.kind,
    priority: input.priority,
    status: input.status ?? 'open',
    noteEnc: input.noteEnc,
    createdBy: input.createdBy,
    createdAt: input.at,
    updatedAt: input.at,
    urgencyTier: urgencyTier(shape),
    effectivePriority: effectivePriority(shape),
    ageBand: input.ageBand,
    nationalities: input.nationalities,
    locationKind: input.locationKind,
    caseRisk: input.caseRisk,
  };
}

export async function addNeed(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  input: { kind: NeedKind; priority: NeedPriority; note?: string },
  once?: OnceKey,
): Promise<NeedView> {
  authorise(actor, 'create', 'need');
  return asActor(app.database, actor, async (trx) => {
    const { kase, survivor, access } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    if (access !== 'owner') throw forbidden('needs belong to the organisation that owns the case');
    const id = app.newId();
    const at = app.now().toISOString();
    const row = buildNeed({
      id,
      caseId,
      organisationId: actor.organisationId,
      kind: input.kind,
      priority: input.priority,
      createdBy: actor.userId,
      at,
      noteEnc: input.note ? app.cipher.encrypt(input.note, encryptionContext('needs', 'note_enc', id)) : null,
      ageBand: survivor.ageBand,
      nationalities: survivor.nationalities,
      locationKind: survivor.locationKind,
      caseRisk: kase.riskLevel,
    });
    await writeTogether(trx, [
      needsInsert(trx, [row]),
      caseEventWrite(trx, app, actor, caseId, timelineEvents.needAdded(input.kind, input.priority), at),
      auditWrite(trx, actor, 'need.create', 'need', id, { caseId, kind: input.kind, priority: input.priority }),
    ]);
    return keepAnswer(trx, app, actor, once, 201, presentNeed({ ...row, version: 1 }, app.now()));
  });
}

export async function updateNeedStatus(
  app: AppContext,
  actor: RequestActor,
  needId: string,
  patch: { status?: NeedStatus; priority?: NeedPriority },
  expectedVersion?: number,
): Promise<NeedView> {
  authorise(actor, 'update', 'need');
  return asActor(app.database, actor, async (trx) => {
    const need = await findNeed(trx, needId, true);
    if (!need) throw notFound('need');
    const { kase } = await loadVisibleCase(trx, actor, need.caseId, 'read', 'case');
    checkVersion('need', need.version, expectedVersion);
    if ((patch.status ?? need.status) === need.status && (patch.priority ?? need.priority) === need.priority)
      throw conflict('nothing would change');
    if (
      (need.status === 'met' || need.status === 'cancelled') &&
      patch.status &&
      patch.status !== need.status &&
      patch.status !== 'open'
    ) {
      throw conflict(`a ${need.status} need can only be reopened`);
    }
    const at = app.now().toISOString();
    const next = buildNeed({
      ...need,
      kind: need.kind,
      priority: patch.priority ?? need.priority,
      status: patch.status ?? need.status,
      at: need.createdAt,
      caseRisk: kase.riskLevel,
    });
    await writeTogether(trx, [
      needUpdate(trx, needId, {
        status: patch.status,
        priority: patch.priority,
        effectivePriority: next.effectivePriority,
        at,
      }),
      caseEventWrite(
        trx,
        app,
        actor,
        need.caseId,
        timelineEvents.needUpdated(need.kind, {
          ...(patch.status && patch.status !== need.status ? { status: patch.status } : {}),
          ...(patch.priority && patch.priority !== need.priority ? { priority: patch.priority } : {}),
        }),
        at,
      ),
      auditWrite(trx, actor, 'need.update', 'need', needId, { caseId: need.caseId, ...patch }),
    ]);
    return presentNeed({ ...next, updatedAt: at, version: need.version + 1 }, app.now());
  });
}

/**
 * The triage board: the organisation's open needs, most urgent first, filtered and ordered in SQL
 * on the stored sort keys (index needs_board). Preferred names for roles that read the organisation's survivors,
 * audited as a survivor read of the page: in the page's own statement when the walk answers (most pages), else by
 * services/casework/list-names in the transaction that reads the page.
 */
export async function triage(
  app: AppContext,
  actor: RequestActor,
  q: TriageQuery,
): Promise<{ items: TriageItem[]; nextCursor: string | null }> {
  authorise(actor, 'read', 'need');
  const after = decodeCursor(q.cursor, ['number', 'number', 'instant', 'uuid']);
  const withNames = listsShowNames(actor);
  const filter: TriageFilter = {
    organisationId: actor.organisationId,
    kinds: q.kind,
    nationalities: q.nationality,
    locationKinds: q.locationKind,
    ageBands: q.ageBand,
    limit: q.limit,
    after: after
      ? {
          tier: Number(after[0]),
          effectivePriority: Number(after[1]),
          createdAt: String(after[2]),
          id: String(after[3]),
        }
      : undefined,
    // Names are read with the page (the same statement), for the roles whose lists show them.
    ...(withNames ? { identitiesOf: actor.organisationId } : {}),
  };
  const identitiesIn = (rows: TriageRow[]) =>
    rows.flatMap((r) => (r.identityEnc ? [{ id: r.survivorId, identityEnc: r.identityEnc }] : []));
  // Most pages: one statement that reads the page as the actor and audits the names on it (issue #13).
  const first = await triageBoardInOneCall(
    app.database.requestDb,
    { sessionToken: actor.sessionToken, audit: { view: 'triage', requestId: actor.requestId } },
    filter,
  );
  const { rows, names } = first.complete
    ? { rows: first.rows, names: namesIn(app, identitiesIn(first.rows)) }
    : await asActor(app.database, actor, async (trx) => {
        const rows = await triageBoardPastWalk(trx, filter);
        return { rows, names: await preferredNames(trx, app, actor, identitiesIn(rows), 'triage') };
      });
  const now = app.now();
  const items = rows.map((r): TriageItem => {
    const rank = urgencyRank(
      {
        id: r.id,
        kind: r.kind,
        priority: r.priority,
        status: r.status,
        createdAt: r.createdAt,
        survivor: { ageBand: r.ageBand, nationalities: r.nationalities },
        caseRisk: r.caseRisk,
      },
      now,
    );
    return {
      needId: r.id,
      caseId: r.caseId,
      survivorId: r.survivorId,
      kind: r.kind,
      priority: r.priority,
      status: r.status,
      createdAt: r.createdAt,
      tier: rank.tier,
      effectivePriority: rank.effectivePriorityLabel,
      waitingHours: Math.floor(rank.waitingMs / 3_600_000),
      explanation: rank.explanation,
      explanationMessage: rank.explanationMessage,
      caseRisk: r.caseRisk,
      caseStatus: r.caseStatus,
      preferredName: names.get(r.survivorId) ?? null,
      survivor: {
        sex: r.sex,
        ageBand: r.ageBand,
        nationalities: r.nationalities,
        locationKind: r.locationKind,
        protection: r.protectionFlags,
      },
    };
  });
  const last = rows[rows.length - 1];
  return {
    items,
    nextCursor:
      rows.length === q.limit && last
        ? encodeCursor([last.urgencyTier, last.effectivePriority, last.createdAt, last.id])
        : null,
  };
}
