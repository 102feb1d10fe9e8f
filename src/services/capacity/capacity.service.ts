import {
  CAPACITY_KINDS,
  isStale,
  needsAgainstCapacity,
  roomFor,
  validateCapacity,
} from '../../core/capacity/capacity.ts';
import { MINIMUM_CELL } from '../../core/statistics/suppression.ts';
import type { NeedKind } from '../../core/vocabulary.ts';
import type {
  CapacityView,
  NeedsAgainstCapacityView,
  PublishCapacityRequest,
  RoomView,
} from '../../contracts/capacity.ts';
import {
  countOpenNeeds,
  listCapacity,
  organisationCity,
  upsertCapacity,
} from '../../db/repositories/capacity/capacity.repository.ts';
import { listNeedsOfCase } from '../../db/repositories/casework/needs.repository.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { actorOrganisation, authorise, loadVisibleCase } from '../casework/access.service.ts';

/** Every published capacity (about organisations, so every signed-in working role reads it). */
export async function capacityList(app: AppContext, actor: RequestActor): Promise<{ items: CapacityView[] }> {
  authorise(actor, 'read', 'capacity');
  const now = app.now();
  const rows = await asActor(app.database, actor, (trx) => listCapacity(trx));
  return {
    items: rows.map((c) => ({
      ...c,
      beds: [...c.beds],
      services: [...c.services],
      languages: [...c.languages],
      stale: isStale(c, now),
    })),
  };
}

/** A shelter or clinic states what it can offer now; the statement replaces the previous one and is stamped now. */
export async function publishCapacity(
  app: AppContext,
  actor: RequestActor,
  input: PublishCapacityRequest,
): Promise<CapacityView> {
  authorise(actor, 'update', 'capacity');
  const errors = validateCapacity(input);
  if (Object.keys(errors).length) throw invalid(errors);
  return asActor(app.database, actor, async (trx) => {
    const org = await actorOrganisation(trx, actor);
    if (!(CAPACITY_KINDS as readonly string[]).includes(org.kind))
      throw forbidden('only shelters and clinics publish capacity');
    const at = app.now().toISOString();
    const services = [...new Set(input.services)];
    const languages = [...new Set(input.languages)];
    await upsertCapacity(trx, {
      organisationId: actor.organisationId,
      beds: input.beds,
      services,
      languages,
      updatedAt: at,
      updatedBy: actor.userId,
    });
    await audit(trx, app, actor, 'capacity.publish', 'organisation', actor.organisationId, {
      beds: input.beds,
      services,
    });
    const mine = (await listCapacity(trx)).find((c) => c.organisationId === actor.organisationId)!;
    return {
      ...mine,
      beds: [...mine.beds],
      services: [...mine.services],
      languages: [...mine.languages],
      stale: false,
    };
  });
}

/**
 * Where there is room for one of the caller's cases (the referral form): capacity matched against the survivor's
 * sex, age group and languages and the case's open needs (or the chosen ones). Only the owner of the case asks;
 * nothing about the survivor leaves the caller's organisation.
 */
export async function roomForCase(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  needIds?: string[],
): Promise<{ items: RoomView[] }> {
  authorise(actor, 'read', 'capacity');
  authorise(actor, 'create', 'referral');
  const now = app.now();
  return asActor(app.database, actor, async (trx) => {
    const { kase, survivor, access, org } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    if (access !== 'owner') throw forbidden('room is looked up by the organisation that refers the case');
    const needs = (await listNeedsOfCase(trx, kase.id)).filter(
      (n) => (needIds?.length ? needIds.includes(n.id) : true) && (n.status === 'open' || n.status === 'in_progress'),
    );
    const capacities = await listCapacity(trx);
    const names = new Map(capacities.map((c) => [c.organisationId, c]));
    const area = await organisationCity(trx, org.id);
    const rooms = roomFor(
      { sex: survivor.sex, ageBand: survivor.ageBand, languages: survivor.languages },
      needs.map((n) => n.kind as NeedKind),
      capacities,
      { area: area ?? null, now, exclude: actor.organisationId },
    );
    return {
      items: rooms.map((r) => ({
        ...r,
        organisationName: names.get(r.organisationId)!.organisationName,
        organisationKind: names.get(r.organisationId)!.organisationKind,
      })),
    };
  });
}

/**
 * Coordination: people with an open need per area and category against capacity (core/capacity
 * needsAgainstCapacity decides what is safe to publish: other organisations' people at k or more, capacity
 * exactly). Read as the system after authorising, because it crosses organisations.
 */
export async function needsAgainstCapacityFor(app: AppContext, actor: RequestActor): Promise<NeedsAgainstCapacityView> {
  authorise(actor, 'read', 'report');
  const org = await asActor(app.database, actor, (trx) => actorOrganisation(trx, actor));
  if (org.kind !== 'coordination') throw forbidden('needs across organisations are for coordination');
  const now = app.now();
  const { counts, capacities } = await asSystem(app.database, async (trx) => ({
    counts: await countOpenNeeds(trx, actor.organisationId),
    capacities: await listCapacity(trx),
  }));
  const names = new Map(capacities.map((c) => [c.organisationId, c.organisationName]));
  return {
    rows: needsAgainstCapacity(counts, capacities, now).map((r) => ({
      area: r.area,
      category: r.category,
      own: r.own,
      others: r.others,
      capacity: r.capacity,
      stale: r.stale,
      suggested: r.suggestedOrganisationId
        ? { id: r.suggestedOrganisationId, name: names.get(r.suggestedOrganisationId) ?? '' }
        : null,
    })),
    minimumCell: MINIMUM_CELL,
    generatedAt: now.toISOString(),
  };
}
