/**
 * Events at compounds. Every write recomputes the compound's timeline and runs the alert rules, in the same
 * transaction.
 */
import type { EventInput, EventPatch, EventView, EventWriteResult } from '../../contracts/monitoring/events.ts';
import { confidenceValue } from '../../core/compounds/timeline.ts';
import { findCompound } from '../../db/repositories/monitoring/compounds.repository.ts';
import { findEvidenceByIds } from '../../db/repositories/monitoring/evidence.repository.ts';
import {
  findEvent,
  insertEvents,
  listEventsPage,
  listLiveEvents,
  retractEvent,
  updateEvent,
  type EventWrite,
} from '../../db/repositories/monitoring/events.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { alertCloser, authorise, decodeCursor, encodeCursor } from './access.service.ts';
import { presentAlerts, presentEvent, presentTimeline } from './compound-presenters.ts';
import { findAlerts } from '../../db/repositories/alerts.repository.ts';
import { MONITORING_ALERT_KINDS } from '../../core/alerts/kinds.ts';
import { recomputeCompounds, timelineFor, today } from './derived-status.service.ts';

async function checkLinks(
  trx: Tx,
  e: Pick<EventWrite, 'compoundId' | 'evidenceIds' | 'relocatedToCompoundId'>,
): Promise<void> {
  const fields: Record<string, string> = {};
  if (!(await findCompound(trx, e.compoundId))) fields['body.compoundId'] = 'no such compound';
  if (e.relocatedToCompoundId) {
    if (e.relocatedToCompoundId === e.compoundId)
      fields['body.relocatedToCompoundId'] = 'a compound cannot relocate to itself';
    else if (!(await findCompound(trx, e.relocatedToCompoundId)))
      fields['body.relocatedToCompoundId'] = 'no such compound';
  }
  const found = new Set((await findEvidenceByIds(trx, [...new Set(e.evidenceIds)])).map((x) => x.id));
  const missing = e.evidenceIds.filter((id) => !found.has(id));
  if (missing.length) fields['body.evidenceIds'] = `unknown evidence: ${missing.join(', ')}`;
  if (Object.keys(fields).length) throw invalid(fields);
}

async function result(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  eventId: string,
  compoundIds: string[],
): Promise<EventWriteResult> {
  const raised = await recomputeCompounds(trx, app, compoundIds);
  const alerts = presentAlerts(
    await findAlerts(
      trx,
      raised.map((a) => a.id),
      actor.organisationId,
      MONITORING_ALERT_KINDS,
    ),
    await alertCloser(trx, actor),
  );
  const event = (await findEvent(trx, eventId))!;
  const events = await listLiveEvents(trx, [event.compoundId]);
  const day = today(app);
  return {
    event: presentEvent(event),
    timeline: presentTimeline(event.compoundId, day, timelineFor(events, day), events),
    alerts,
  };
}

export async function createEvent(app: AppContext, actor: RequestActor, input: EventInput): Promise<EventWriteResult> {
  authorise(actor, 'create', 'compound');
  return asActor(app.database, actor, async (trx) => {
    const write: EventWrite = {
      id: app.newId(),
      ...input,
      confidence: confidenceValue(input.confidence),
      createdBy: actor.userId,
      at: app.now().toISOString(),
    };
    await checkLinks(trx, write);
    await insertEvents(trx, [write]);
    await audit(trx, app, actor, 'compound.event.create', 'compound_event', write.id, {
      compoundId: write.compoundId,
      kind: write.kind,
    });
    return result(trx, app, actor, write.id, [
      write.compoundId,
      ...(write.relocatedToCompoundId ? [write.relocatedToCompoundId] : []),
    ]);
  });
}

export async function changeEvent(
  app: AppContext,
  actor: RequestActor,
  id: string,
  patch: EventPatch,
): Promise<EventWriteResult> {
  authorise(actor, 'update', 'compound');
  return asActor(app.database, actor, async (trx) => {
    const e = await findEvent(trx, id);
    if (!e) throw notFound('event');
    if (e.retractedAt) throw conflict('this event was retracted');
    const write: EventWrite = {
      ...e,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      confidence: patch.confidence !== undefined ? confidenceValue(patch.confidence) : e.confidence,
      at: app.now().toISOString(),
    } as EventWrite;
    if (write.dateEnd && write.dateEnd < write.date)
      throw invalid({ 'body.dateEnd': 'dateEnd must not be before date' });
    await checkLinks(trx, write);
    await updateEvent(trx, write);
    await audit(trx, app, actor, 'compound.event.update', 'compound_event', id, { fields: Object.keys(patch).sort() });
    return result(trx, app, actor, id, [
      e.compoundId,
      ...[e.relocatedToCompoundId, write.relocatedToCompoundId].filter((x): x is string => !!x),
    ]);
  });
}

export async function retractCompoundEvent(
  app: AppContext,
  actor: RequestActor,
  id: string,
  reason: string,
): Promise<EventWriteResult> {
  authorise(actor, 'update', 'compound');
  return asActor(app.database, actor, async (trx) => {
    const e = await findEvent(trx, id);
    if (!e) throw notFound('event');
    if (e.retractedAt) throw conflict('this event is already retracted');
    await retractEvent(trx, id, actor.userId, reason, app.now().toISOString());
    await audit(trx, app, actor, 'compound.event.retract', 'compound_event', id, {});
    return result(trx, app, actor, id, [e.compoundId]);
  });
}

export async function listCompoundEvents(
  app: AppContext,
  actor: RequestActor,
  compoundId: string,
  q: { limit: number; cursor?: string; includeRetracted: boolean },
): Promise<{ items: EventView[]; nextCursor: string | null }> {
  authorise(actor, 'read', 'compound');
  const after = decodeCursor(q.cursor, { d: 'day', i: 'uuid' });
  return asActor(app.database, actor, async (trx) => {
    if (!(await findCompound(trx, compoundId))) throw notFound('compound');
    const rows = await listEventsPage(trx, compoundId, {
      limit: q.limit + 1,
      includeRetracted: q.includeRetracted,
      after: after ? { date: String(after.d), id: String(after.i) } : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(presentEvent),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ d: last.date, i: last.id }) : null,
    };
  });
}
