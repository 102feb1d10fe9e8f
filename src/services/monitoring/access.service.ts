/** Who may do what in monitoring: the permission matrix first, then the testimony rule. */
import { scopeFor, type Action, type Resource } from '../../core/permissions/matrix.ts';
import type { AlertCloser } from '../../core/alerts/shared-alerts.ts';
import type { MetadataAudience } from '../../core/evidence/metadata-disclosure.ts';
import type { Role } from '../../core/vocabulary.ts';
import { findOrganisationKind } from '../../db/repositories/accounts.repository.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { RequestActor } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';

/** Throws 403 unless the actor's roles grant (action, resource) with scope `all` (monitoring data is shared). */
export function authorise(actor: RequestActor, action: Action, resource: Resource): void {
  if (scopeFor(actor.roles, action, resource) !== 'all') throw forbidden();
}

/**
 * Taking a verification step. The matrix grants `verify` to analysts; admins may create and
 * update evidence and the issue lets them verify too, so `update` also qualifies. The two-person
 * rule (core) still decides whether this reviewer may sign off.
 */
export function authoriseVerification(actor: RequestActor): void {
  if (scopeFor(actor.roles, 'verify', 'evidence') !== 'all' && scopeFor(actor.roles, 'update', 'evidence') !== 'all')
    throw forbidden();
}

/**
 * Articles and their claims (issue #17): monitoring data for monitor and coordination organisations only
 * (row-level security says the same). Reading needs `read evidence`; ingesting and reviewing, `create`/`update`.
 */
export async function authoriseArticles(
  trx: Queryable,
  actor: RequestActor,
  action: 'read' | 'create' | 'update',
): Promise<void> {
  authorise(actor, action, 'evidence');
  const kind = await findOrganisationKind(trx, actor.organisationId);
  if (kind !== 'monitor' && kind !== 'coordination')
    throw forbidden(
      'articles and their claims are monitoring data: only monitor and coordination organisations see them',
    );
}

const SENSITIVE_ROLES: readonly Role[] = ['analyst', 'admin'];

/**
 * Testimony and sensitive/restricted evidence: analysts and admins of monitor organisations only (RLS enforces the
 * same).
 */
export async function readsSensitiveEvidence(trx: Queryable, actor: RequestActor): Promise<boolean> {
  if (!actor.roles.some((r) => SENSITIVE_ROLES.includes(r))) return false;
  return (await findOrganisationKind(trx, actor.organisationId)) === 'monitor';
}

/** The reader, as the photo-metadata decision (core seesCaptureMetadata) needs it. */
export async function metadataAudience(trx: Queryable, actor: RequestActor): Promise<MetadataAudience> {
  return {
    organisationId: actor.organisationId,
    organisationKind: await findOrganisationKind(trx, actor.organisationId),
    roles: actor.roles,
  };
}

/** The reader's organisation, as the shared-alert decision (core mayCloseSharedAlert) needs it. */
export async function alertCloser(trx: Queryable, actor: RequestActor): Promise<AlertCloser> {
  const { organisationId, organisationKind } = await metadataAudience(trx, actor);
  return { organisationId, organisationKind };
}

export function isSensitive(kind: string, sensitivity: string): boolean {
  return kind === 'testimony' || sensitivity === 'sensitive' || sensitivity === 'restricted';
}

/** Sensitive items are written only by those who may read them back. Returns whether the actor reads them. */
export async function checkSensitiveWrite(
  trx: Queryable,
  actor: RequestActor,
  kind: string,
  sensitivity: string,
): Promise<boolean> {
  const reads = await readsSensitiveEvidence(trx, actor);
  if (isSensitive(kind, sensitivity) && !reads)
    throw forbidden('only analysts and admins of monitor organisations may record testimony or sensitive evidence');
  return reads;
}

/** Opaque keyset cursors: base64url JSON of the last row's sort key. A cursor that does not decode is a 400. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

type CursorField = 'uuid' | 'timestamp' | 'day' | 'number';
const CURSOR_CHECKS: Record<CursorField, (v: unknown) => boolean> = {
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  day: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  number: (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 2 ** 31,
};

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  fields: Record<K, CursorField>,
): Record<K, string | number> | undefined {
  if (cursor === undefined) return undefined;
  let value: Record<string, unknown> | null = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    value = null;
  }
  const ok =
    value !== null &&
    typeof value === 'object' &&
    (Object.entries(fields) as [K, CursorField][]).every(([k, f]) => CURSOR_CHECKS[f](value![k]));
  if (!ok) throw invalid({ 'query.cursor': 'not a cursor returned by this list' }, 'the cursor is not valid');
  return value as Record<K, string | number>;
}
