import {
  repatriationProgress,
  validateFlight,
  validateGroupFlightUpdate,
  type RepatriationPlan,
} from '../../core/cases/consular.ts';
import { transitionCase } from '../../core/cases/status.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import type { CaseStatus, DocumentStatus } from '../../core/vocabulary.ts';
import type { ConsularQueueItem, ConsularUpdateRequest } from '../../contracts/casework/work.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  listCases,
  updateCase,
  type CaseRow,
  type SurvivorRow,
} from '../../db/repositories/casework/cases.repository.ts';
import {
  findConsularRecords,
  upsertConsularRecords,
  type ConsularRecordRow,
} from '../../db/repositories/casework/consular.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, invalid } from '../errors.ts';
import {
  actingRole,
  actorOrganisation,
  authorise,
  decodeCursor,
  encodeCursor,
  loadVisibleCase,
  recordCaseEvent,
  coversNationalities,
} from './access.service.ts';
import { openIdentity } from './survivor-envelopes.service.ts';
import { preferredNameOf } from './survivor-presenter.ts';

function blankRecord(app: AppContext, kase: CaseRow, embassyId: string): ConsularRecordRow {
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

const planOf = (kase: CaseRow, survivor: SurvivorRow, r: ConsularRecordRow): RepatriationPlan => ({
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
function presentQueueItem(
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

async function requireEmbassy(trx: Tx, actor: RequestActor) {
  const org = await actorOrganisation(trx, actor);
  // A resident embassy, or an organisation that consular coverage resolves nationalities to (core/consular).
  if (!coversNationalities(org)) throw forbidden('the consular queue is for organisations that cover a nationality');
  return org;
}

/**
 * The embassy's queue: consenting survivors of the nationalities it serves, newest first. Audited as a survivor read.
 */
export async function consularQueue(
  app: AppContext,
  actor: RequestActor,
  q: {
    status?: CaseStatus[];
    nationality?: string[];
    documentStatus?: DocumentStatus[];
    limit: number;
    cursor?: string;
  },
): Promise<{ items: ConsularQueueItem[]; nextCursor: string | null }> {
  authorise(actor, 'read', 'consular');
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  return asActor(app.database, actor, async (trx) => {
    const org = await requireEmbassy(trx, actor);
    const rows = await listCases(trx, {
      scope: { kind: 'embassy', nationalities: org.nationalitiesServed },
      statuses: q.status,
      nationalities: q.nationality,
      documentStatuses: q.documentStatus,
      limit: q.limit,
      after: after ? { openedAt: String(after[0]), id: String(after[1]) } : undefined,
    });
    const records = await findConsularRecords(
      trx,
      rows.map((r) => r.kase.id),
      actor.organisationId,
    );
    const items = rows.map(({ kase, survivor }) => {
      const r = records.get(kase.id);
      return presentQueueItem(app, kase, survivor, r ?? blankRecord(app, kase, actor.organisationId), !!r);
    });
    if (items.length)
      await audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: 'consular_queue',
        survivorIds: items.map((i) => i.survivorId),
      });
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor: rows.length === q.limit && last ? encodeCursor([last.kase.openedAt, last.kase.id]) : null,
    };
  });
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
    if (errors.length) throw invalid({ 'body.flight': errors.join('; ') });
  }
  return asActor(app.database, actor, async (trx) => {
    await requireEmbassy(trx, actor);
    const { kase, survivor, access } = await loadVisibleCase(trx, actor, caseId, 'update', 'consular', true);
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
    await upsertConsularRecords(trx, [r]);
    await recordCaseEvent(trx, app, actor, caseId, timelineEvents.consularStep(steps), at);
    await audit(trx, app, actor, 'consular.update', 'case', caseId, { steps: Object.keys(input) });
    const fresh = (await loadVisibleCase(trx, actor, caseId, 'read', 'consular')).kase;
    return presentQueueItem(app, fresh, survivor, r, true);
  });
}

/**
 * Books a group on one flight: all or none (core/cases validateGroupFlightUpdate). Cases awaiting documents move to
 * awaiting_travel.
 */
export async function bookGroupFlight(
  app: AppContext,
  actor: RequestActor,
  input: { caseIds: string[]; flight: { date: string; flightNumber: string }; dryRun: boolean },
) {
  authorise(actor, 'update', 'consular');
  return asActor(app.database, actor, async (trx) => {
    await requireEmbassy(trx, actor);
    const loaded = [];
    const missing: string[] = [];
    for (const id of input.caseIds) {
      try {
        loaded.push(await loadVisibleCase(trx, actor, id, 'update', 'consular', true));
      } catch {
        missing.push(id);
      }
    }
    const records = await findConsularRecords(
      trx,
      loaded.map((l) => l.kase.id),
      actor.organisationId,
      true,
    );
    const plans = loaded.map((l) =>
      planOf(l.kase, l.survivor, records.get(l.kase.id) ?? blankRecord(app, l.kase, actor.organisationId)),
    );
    const flight = { date: input.flight.date, flightNumber: input.flight.flightNumber.trim().toUpperCase() };
    const validation = validateGroupFlightUpdate(plans, flight, app.now());
    const members = input.caseIds.map(
      (id) =>
        validation.members.find((m) => m.caseId === id) ?? {
          caseId: id,
          ok: false,
          reasons: ['not in your consular queue'],
          warnings: [],
        },
    );
    const ok = validation.ok && missing.length === 0;
    if (!ok && !input.dryRun) {
      const fields: Record<string, string> = {};
      if (validation.flightErrors.length) fields['body.flight'] = validation.flightErrors.join('; ');
      members.forEach((m, i) => {
        if (!m.ok) fields[`body.caseIds.${i}`] = m.reasons.join('; ');
      });
      throw invalid(fields, 'the group cannot be booked on this flight; nothing was changed');
    }
    if (ok && !input.dryRun) {
      const at = app.now().toISOString();
      for (const l of loaded) {
        const r = {
          ...(records.get(l.kase.id) ?? blankRecord(app, l.kase, actor.organisationId)),
          flightDate: flight.date,
          flightNumber: flight.flightNumber,
          updatedAt: at,
          updatedBy: actor.userId,
        };
        await upsertConsularRecords(trx, [r]);
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
