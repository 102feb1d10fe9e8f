import { scopeFor, type Action, type Resource } from '../../core/permissions/matrix.ts';
import { embassyMaySee } from '../../core/consent/embassy-scope.ts';
import type { Role, Scope } from '../../core/vocabulary.ts';
import {
  findCaseForActor,
  findActorOrganisation,
  type CaseRow,
  type OrganisationInfo,
  type SurvivorRow,
} from '../../db/repositories/casework/cases.repository.ts';
import {
  caseEventsInsert,
  insertCaseEvents,
  type CaseEventInsert,
} from '../../db/repositories/casework/case-events.repository.ts';
import type { CompiledQuery } from 'kysely';
import type { Tx } from '../../db/transaction.ts';
import type { TimelineEvent } from '../../core/cases/timeline.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';

/** Authorise first: the widest scope the actor's roles grant, or 403. */
export function authorise(actor: RequestActor, action: Action, resource: Resource): Scope {
  const scope = scopeFor(actor.roles, action, resource);
  if (!scope) throw forbidden(`your role may not ${action.replaceAll('_', ' ')} ${resource}s`, 'role_may_not');
  return scope;
}

/** The role a transition is judged with: admin when the actor holds it. */
export const actingRole = (actor: RequestActor): Role =>
  actor.roles.includes('admin') ? 'admin' : (actor.roles[0] ?? 'viewer');

/**
 * The actor's organisation, with `nationalitiesServed` = the nationalities it covers consularly: a resident
 * embassy's own, or those core/consular coverage resolves to it (a non-resident embassy, an honorary consul, the
 * international organisation acting as fallback), as the database's refuge_org_served() computes for RLS.
 */
export async function actorOrganisation(trx: Tx, actor: RequestActor): Promise<OrganisationInfo> {
  const org = await findActorOrganisation(trx, actor.organisationId);
  if (!org) throw forbidden('your organisation no longer exists', 'organisation_gone');
  return org;
}

/** An organisation with a consular queue: it covers at least one nationality. */
export const coversNationalities = (org: OrganisationInfo): boolean => org.nationalitiesServed.length > 0;

export type CaseAccess = 'owner' | 'embassy';

export interface VisibleCase {
  kase: CaseRow;
  survivor: SurvivorRow;
  access: CaseAccess;
  org: OrganisationInfo;
}

/**
 * Loads a case the actor may work on. Row-level security has already filtered the row; this is
 * the same rule stated again in the service (owner organisation, or an embassy's consenting
 * national), so neither layer alone decides.
 */
export async function loadVisibleCase(
  trx: Tx,
  actor: RequestActor,
  caseId: string,
  action: Action,
  resource: Resource,
  forUpdate = false,
): Promise<VisibleCase> {
  const scope = authorise(actor, action, resource);
  const found = await findCaseForActor(trx, caseId, actor.organisationId, forUpdate);
  if (!found) throw notFound('case');
  const org = found.org;
  if (!org) throw forbidden('your organisation no longer exists', 'organisation_gone');
  const visible = { kase: found.kase, survivor: found.survivor, org };
  if (found.kase.organisationId === actor.organisationId && (scope === 'organisation' || scope === 'all'))
    return { ...visible, access: 'owner' };
  const survivor = found.survivor;
  if (
    coversNationalities(org) &&
    scope !== 'own' &&
    embassyMaySee(org.nationalitiesServed, {
      nationalities: survivor.nationalities,
      consent: {
        shareWithOwnEmbassy: survivor.consentOwnEmbassy,
        embassyNationalities: survivor.consentEmbassyNationalities,
      },
    })
  ) {
    return { ...visible, access: 'embassy' };
  }
  throw notFound('case');
}

/**
 * Appends one entry to the case timeline (case_events), in the caller's transaction: kind and
 * params in clear, the entry's free text (a reason) sealed to this row (core/cases/timeline).
 */
export async function recordCaseEvent(
  trx: Tx,
  app: AppContext,
  actor: RequestActor | null,
  caseId: string,
  event: TimelineEvent,
  at?: string,
): Promise<void> {
  await insertCaseEvents(trx, [caseEventRow(app, actor, caseId, event, at)]);
}

/** The statement `recordCaseEvent` sends, for a use case that writes it together with its work (db/write-together). */
export function caseEventWrite(
  trx: Tx,
  app: AppContext,
  actor: RequestActor | null,
  caseId: string,
  event: TimelineEvent,
  at?: string,
): CompiledQuery {
  return caseEventsInsert(trx, [caseEventRow(app, actor, caseId, event, at)]);
}

/** The row `recordCaseEvent` writes (its detail encrypted, bound to the row), for a caller that writes it itself. */
export function caseEventRow(
  app: AppContext,
  actor: RequestActor | null,
  caseId: string,
  event: TimelineEvent,
  at?: string,
): CaseEventInsert {
  const id = app.newId();
  return {
    id,
    caseId,
    organisationId: actor?.organisationId ?? null,
    actorUserId: actor?.userId ?? null,
    at: at ?? app.now().toISOString(),
    kind: event.kind,
    params: { ...event.params },
    detailEnc: event.detail
      ? app.cipher.encrypt(event.detail, encryptionContext('case_events', 'detail_enc', id))
      : null,
  };
}

/** Opaque keyset cursors: base64url JSON of the last row's sort values. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  shape: readonly ('string' | 'number' | 'uuid' | 'instant')[],
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => invalid({ 'querystring.cursor': 'not a cursor from this list' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) throw bad();
  shape.forEach((kind, i) => {
    const v = parsed[i as number];
    const ok =
      kind === 'number'
        ? Number.isInteger(v)
        : typeof v === 'string' &&
          (kind === 'string' || (kind === 'uuid' ? /^[0-9a-f-]{36}$/i.test(v) : !Number.isNaN(Date.parse(v))));
    if (!ok) throw bad();
  });
  return parsed as (string | number)[];
}
