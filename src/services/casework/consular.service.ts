import {
  describeIssue,
  repatriationProgress,
  validateBulkStep,
  validateFlight,
  validateGroupFlightUpdate,
  type BulkStep,
  type ConsularIssue,
  type GroupMemberResult,
  type RepatriationPlan,
} from '../../core/cases/consular.ts';
import { transitionCase } from '../../core/cases/status.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import type { CaseStatus } from '../../core/vocabulary.ts';
import type { BulkMemberResult, ConsularQueueItem, ConsularUpdateRequest } from '../../contracts/casework/consular.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  updateCase,
  type CaseRow,
  type OrganisationInfo,
  type SurvivorRow,
} from '../../db/repositories/casework/cases.repository.ts';
import {
  consularRecordsUpsert,
  findConsularRecords,
  upsertConsularRecords,
  type ConsularRecordRow,
} from '../../db/repositories/casework/consular.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { writeTogether } from '../../db/write-together.ts';
import { audit, auditWrite } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, invalid } from '../errors.ts';
import {
  actingRole,
  actorOrganisation,
  authorise,
  caseEventWrite,
  loadVisibleCase,
  recordCaseEvent,
  coversNationalities,
} from './access.service.ts';
import { openIdentity } from './survivor-envelopes.service.ts';
import { preferredNameOf } from './survivor-presenter.ts';

export function blankRecord(app: AppContext, kase: CaseRow, embassyId: string): ConsularRecordRow {
  return {
    id: app.newId(),
    caseId: kase.id,
    embassyOrganisationId: embassyId,
    caseOrganisationId: kase.organisationId,
    emergencyDocumentStatus: 'not_requested',
    emergencyDocumentNumberEnc: null,
    emergencyDocumentIssuedAt: null,
    exitClearance: 'pending',
    flightDate: null,
    flightNumber: null,
    repatriatedAt: null,
    updatedBy: null,
    updatedAt: kase.openedAt,
  };
}

export const planOf = (kase: CaseRow, survivor: SurvivorRow, r: ConsularRecordRow): RepatriationPlan => ({
  caseId: kase.id,
  caseStatus: kase.status,
  passportHeld: survivor.documentStatus === 'held',
  emergencyDocument: {
    status: r.emergencyDocumentStatus,
    issuedAt: r.emergencyDocumentIssuedAt,
  },
  exitClearance: r.exitClearance,
  flight: r.flightDate && r.flightNumber ? { date: r.flightDate, flightNumber: r.flightNumber } : null,
  repatriatedAt: r.repatriatedAt,
});

/** The embassy's view of one consenting national (core/disclosure: no organisation holding or helping them). */
export function presentQueueItem(
  app: AppContext,
  kase: CaseRow,
  survivor: SurvivorRow,
  r: ConsularRecordRow,
  known: boolean,
): ConsularQueueItem {
  return {
    caseId: kase.id,
    survivorId: survivor.id,
    preferredName: preferredNameOf(openIdentity(app, survivor)),
    sex: survivor.sex,
    ageBand: survivor.ageBand,
    nationalities: survivor.nationalities,
    documentStatus: survivor.documentStatus,
    caseStatus: kase.status,
    riskLevel: kase.riskLevel,
    record: {
      emergencyDocumentStatus: r.emergencyDocumentStatus,
      emergencyDocumentNumber: r.emergencyDocumentNumberEnc
        ? app.cipher.decrypt(
            r.emergencyDocumentNumberEnc,
            encryptionContext('consular_records', 'emergency_document_number_enc', r.id),
          )
        : null,
      emergencyDocumentIssuedAt: r.emergencyDocumentIssuedAt,
      exitClearance: r.exitClearance,
      flight: r.flightDate && r.flightNumber ? { date: r.flightDate, flightNumber: r.flightNumber } : null,
      repatriatedAt: r.repatriatedAt,
      updatedAt: known ? r.updatedAt : null,
    },
    progress: repatriationProgress(planOf(kase, survivor, r)),
  };
}

/** The acting organisation, refused unless it has a consular queue. */
export async function requireEmbassy(trx: Tx, actor: RequestActor) {
  return embassyOnly(await actorOrganisation(trx, actor));
}

/** A resident embassy, or an organisation that consular coverage resolves nationalities to (core/consular). */
function embassyOnly<O extends OrganisationInfo>(org: O): O {
  if (!coversNationalities(org)) throw forbidden('the consular queue is for organisations that cover a nationality');
  return org;
}

async function moveCase(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  kase: CaseRow,
  next: CaseStatus,
  travelDocumentReady: boolean,
): Promise<void> {
  const result = transitionCase(kase.status, next, { actorRole: actingRole(actor), travelDocumentReady });
  if (!result.ok) throw conflict(result.reason);
  const at = app.now().toISOString();
  await updateCase(trx, kase.id, { status: next, at });
  await recordCaseEvent(trx, app, actor, kase.id, timelineEvents.statusChanged(kase.status, next), at);
}

/**
 * Records consular steps for one case of the queue; "repatriated" also moves the case (awaiting_travel → repatriated).
 */
export async function updateConsularCase(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  input: ConsularUpdateRequest,
): Promise<ConsularQueueItem> {
  if (input.flight) {
    const errors = validateFlight(input.flight, app.now());
    if (errors.length) throw invalid({ 'body.flight': errors.map(describeIssue).join('; ') }, undefined, { errors });
  }
  return asActor(app.database, actor, async (trx) => {
    // The visible case arrives with the actor's organisation: no separate read for requireEmbassy's check.
    const { kase, survivor, access, org } = await loadVisibleCase(trx, actor, caseId, 'update', 'consular', true);
    embassyOnly(org);
    if (access !== 'embassy') throw forbidden('consular steps are recorded by the embassy');
    const existing = (await findConsularRecords(trx, [caseId], actor.organisationId, true)).get(caseId);
    const r: ConsularRecordRow = { ...(existing ?? blankRecord(app, kase, actor.organisationId)) };
    const at = app.now().toISOString();
    const steps: Parameters<typeof timelineEvents.consularStep>[0] = {};
    if (input.emergencyDocument) {
      r.emergencyDocumentStatus = input.emergencyDocument.status;
      r.emergencyDocumentIssuedAt =
        input.emergencyDocument.status === 'issued'
          ? existing?.emergencyDocumentIssuedAt && existing.emergencyDocumentStatus === 'issued'
            ? existing.emergencyDocumentIssuedAt
            : at
          : null;
      if (input.emergencyDocument.number)
        r.emergencyDocumentNumberEnc = app.cipher.encrypt(
          input.emergencyDocument.number,
          encryptionContext('consular_records', 'emergency_document_number_enc', r.id),
        );
      steps.emergencyDocument = input.emergencyDocument.status;
    }
    if (input.exitClearance) {
      r.exitClearance = input.exitClearance;
      steps.exitClearance = input.exitClearance;
    }
    if (input.flight !== undefined) {
      r.flightDate = input.flight?.date ?? null;
      r.flightNumber = input.flight ? input.flight.flightNumber.toUpperCase() : null;
      if (input.flight) {
        steps.flightNumber = r.flightNumber!;
        steps.flightDate = r.flightDate!;
      } else steps.flightCancelled = true;
    }
    if (input.repatriated) {
      if (r.repatriatedAt) throw conflict('already recorded as repatriated');
      await moveCase(trx, app, actor, kase, 'repatriated', true);
      r.repatriatedAt = at;
      steps.repatriated = true;
    }
    r.updatedAt = at;
    r.updatedBy = actor.userId;
    await writeTogether(trx, [
      consularRecordsUpsert(trx, [r]),
      caseEventWrite(trx, app, actor, caseId, timelineEvents.consularStep(steps), at),
      auditWrite(trx, actor, 'consular.update', 'case', caseId, { steps: Object.keys(input) }),
    ]);
    // Only "repatriated" changed the case (its status and version): read it again then.
    const fresh = input.repatriated ? (await loadVisibleCase(trx, actor, caseId, 'read', 'consular')).kase : kase;
    return presentQueueItem(app, fresh, survivor, r, true);
  });
}

/** A bulk step's person: the name the embassy may see (never a case hash), and the issues as codes. */
const namedResult = (m: GroupMemberResult, name: string | null): BulkMemberResult => ({
  caseId: m.caseId,
  name,
  ok: m.ok,
  errors: m.errors,
  warnings: m.warnings,
});
const NOT_IN_QUEUE: ConsularIssue[] = [{ code: 'not_in_queue' }];

/** Loads the chosen cases an embassy may update (row-level security and consent decide); the rest are "not in queue". */
async function loadMembers(trx: Tx, app: AppContext, actor: RequestActor, caseIds: readonly string[]) {
  const loaded: { kase: CaseRow; survivor: SurvivorRow; name: string | null }[] = [];
  for (const id of new Set(caseIds)) {
    try {
      const v = await loadVisibleCase(trx, actor, id, 'update', 'consular', true);
      if (v.access === 'embassy') loaded.push({ ...v, name: preferredNameOf(openIdentity(app, v.survivor)) });
    } catch {
      // Not visible to this embassy: reported as not in its queue, nothing more.
    }
  }
  const records = await findConsularRecords(
    trx,
    loaded.map((l) => l.kase.id),
    actor.organisationId,
    true,
  );
  const byId = new Map(loaded.map((l) => [l.kase.id, l]));
  const recordOf = (l: { kase: CaseRow }) => records.get(l.kase.id) ?? blankRecord(app, l.kase, actor.organisationId);
  return { loaded, byId, recordOf };
}

/** Per chosen case, in the order given: the validation's result, or "not in your queue" for one the embassy can't see. */
function membersInOrder(
  caseIds: readonly string[],
  results: readonly GroupMemberResult[],
  byId: Map<string, { name: string | null }>,
): BulkMemberResult[] {
  const seen = new Set<string>();
  return caseIds.map((id) => {
    const twice = seen.has(id);
    seen.add(id);
    const found = byId.get(id);
    if (!found) return { caseId: id, name: null, ok: false, errors: NOT_IN_QUEUE, warnings: [] };
    const r = results.find((m) => m.caseId === id)!;
    return twice
      ? { caseId: id, name: found.name, ok: false, errors: [{ code: 'listed_twice' }], warnings: [] }
      : namedResult(r, found.name);
  });
}

/** A refused bulk step: 422, nothing changed, each person's issues in the problem (and in English per field). */
function refused(members: BulkMemberResult[], flightErrors: ConsularIssue[] = []) {
  const fields: Record<string, string> = {};
  if (flightErrors.length) fields['body.flight'] = flightErrors.map(describeIssue).join('; ');
  members.forEach((m, i) => {
    if (!m.ok) fields[`body.caseIds.${i}`] = `${m.name ?? 'this person'}: ${m.errors.map(describeIssue).join('; ')}`;
  });
  return invalid(fields, 'nothing was changed: some of the people chosen cannot take this step', {
    applied: false,
    flightErrors,
    members,
  });
}

/**
 * Books a group on one flight: all or none (core/cases validateGroupFlightUpdate, whose refusals are the ready-to-fly
 * rule). Cases awaiting documents move to awaiting_travel.
 */
export async function bookGroupFlight(
  app: AppContext,
  actor: RequestActor,
  input: { caseIds: string[]; flight: { date: string; flightNumber: string }; dryRun: boolean },
) {
  authorise(actor, 'update', 'consular');
  return asActor(app.database, actor, async (trx) => {
    await requireEmbassy(trx, actor);
    const { loaded, byId, recordOf } = await loadMembers(trx, app, actor, input.caseIds);
    const plans = loaded.map((l) => planOf(l.kase, l.survivor, recordOf(l)));
    const flight = { date: input.flight.date, flightNumber: input.flight.flightNumber.trim().toUpperCase() };
    const validation = validateGroupFlightUpdate(plans, flight, app.now());
    const members = membersInOrder(input.caseIds, validation.members, byId);
    const ok = validation.ok && members.every((m) => m.ok);
    if (!ok && !input.dryRun) throw refused(members, validation.flightErrors);
    if (ok && !input.dryRun) {
      const at = app.now().toISOString();
      for (const l of loaded) {
        const r = { ...recordOf(l), flightDate: flight.date, flightNumber: flight.flightNumber };
        await upsertConsularRecords(trx, [{ ...r, updatedAt: at, updatedBy: actor.userId }]);
        if (l.kase.status === 'awaiting_documents') await moveCase(trx, app, actor, l.kase, 'awaiting_travel', true);
        await recordCaseEvent(
          trx,
          app,
          actor,
          l.kase.id,
          timelineEvents.consularStep({
            flightNumber: flight.flightNumber,
            flightDate: flight.date,
            groupSize: loaded.length,
          }),
          at,
        );
      }
      await audit(trx, app, actor, 'consular.group_flight', 'flight', `${flight.flightNumber}@${flight.date}`, {
        caseIds: input.caseIds,
      });
    }
    return { applied: ok && !input.dryRun, flightErrors: validation.flightErrors, members };
  });
}

/**
 * One step (travel document issued, exit clearance paid) for many people, in one transaction: all or none (core/cases
 * validateBulkStep). A refusal names each person it concerns, with codes the client words in its language.
 */
export async function applyBulkStep(
  app: AppContext,
  actor: RequestActor,
  input: { caseIds: string[]; step: BulkStep; dryRun: boolean },
): Promise<{ applied: boolean; members: BulkMemberResult[] }> {
  authorise(actor, 'update', 'consular');
  return asActor(app.database, actor, async (trx) => {
    await requireEmbassy(trx, actor);
    const { loaded, byId, recordOf } = await loadMembers(trx, app, actor, input.caseIds);
    const validation = validateBulkStep(
      loaded.map((l) => planOf(l.kase, l.survivor, recordOf(l))),
      input.step,
    );
    const members = membersInOrder(input.caseIds, validation.members, byId);
    const ok = validation.ok && members.every((m) => m.ok);
    if (!ok && !input.dryRun) throw refused(members);
    if (ok && !input.dryRun) {
      const at = app.now().toISOString();
      const rows = loaded.map((l): ConsularRecordRow => {
        const r = recordOf(l);
        return input.step === 'travel_document_issued'
          ? {
              ...r,
              emergencyDocumentStatus: 'issued',
              emergencyDocumentIssuedAt:
                r.emergencyDocumentStatus === 'issued' && r.emergencyDocumentIssuedAt
                  ? r.emergencyDocumentIssuedAt
                  : at,
              updatedAt: at,
              updatedBy: actor.userId,
            }
          : { ...r, exitClearance: 'paid', updatedAt: at, updatedBy: actor.userId };
      });
      await upsertConsularRecords(trx, rows);
      for (const l of loaded)
        await recordCaseEvent(
          trx,
          app,
          actor,
          l.kase.id,
          timelineEvents.consularStep(
            input.step === 'travel_document_issued' ? { emergencyDocument: 'issued' } : { exitClearance: 'paid' },
          ),
          at,
        );
      await audit(trx, app, actor, 'consular.bulk_step', 'case', null, { step: input.step, caseIds: input.caseIds });
    }
    return { applied: ok && !input.dryRun, members };
  });
}
