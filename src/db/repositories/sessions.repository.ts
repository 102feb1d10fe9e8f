import { sql, type Selectable } from 'kysely';
import type { OrganisationsTable, SessionsTable, UsersTable } from '../schema.ts';
import type { Queryable } from '../transaction.ts';
import { batcherOf, StatementBatcher } from '../statement-batcher.ts';
import {
  toOrganisation,
  toUser,
  type MembershipRow,
  type OrganisationRow,
  type UserRow,
} from './accounts.repository.ts';
import type { Role } from '../../core/vocabulary.ts';

export interface SessionRow {
  tokenHash: string;
  userId: string;
  organisationId: string | null;
  csrfToken: string;
  secondFactorPassed: boolean;
  expiresAt: string;
  lastSeenAt: string;
  createdAt: string;
}

/**
 * The database keeps its own expiry, db_expires_at = its now() + (expiresAt − lastSeenAt), which
 * row-level security checks (0006): the application's clock may differ from the database's.
 */
/** `createdAt` defaults to `lastSeenAt`: a session is first seen when it is made. */
export async function insertSession(
  trx: Queryable,
  s: Omit<SessionRow, 'createdAt'> & { createdAt?: string },
): Promise<void> {
  await trx
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      organisation_id: s.organisationId,
      csrf_token: s.csrfToken,
      second_factor_passed: s.secondFactorPassed,
      expires_at: s.expiresAt,
      created_at: s.createdAt ?? s.lastSeenAt,
      last_seen_at: s.lastSeenAt,
    })
    .execute();
}

export async function findSession(trx: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const r = await trx.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r
    ? {
        tokenHash: r.token_hash,
        userId: r.user_id,
        organisationId: r.organisation_id,
        csrfToken: r.csrf_token,
        secondFactorPassed: r.second_factor_passed,
        expiresAt: r.expires_at,
        lastSeenAt: r.last_seen_at,
        createdAt: r.created_at,
      }
    : null;
}

export async function touchSession(trx: Queryable, tokenHash: string, now: string, expiresAt: string): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function updateSession(
  trx: Queryable,
  tokenHash: string,
  patch: { organisationId?: string; secondFactorPassed?: boolean },
): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({
      ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
      ...(patch.secondFactorPassed !== undefined ? { second_factor_passed: patch.secondFactorPassed } : {}),
    })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(trx: Queryable, tokenHash: string): Promise<void> {
  await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(trx: Queryable, userId: string, exceptTokenHash?: string): Promise<number> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(trx: Queryable, now: string): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface SessionBundle {
  session: SessionRow;
  user: UserRow;
  memberships: (MembershipRow & { organisation: OrganisationRow })[];
}

/** What refuge_session_bundle answers: the columns as stored, timestamps in PostgreSQL's JSON text form. */
interface BundleRow {
  s: Selectable<SessionsTable>;
  u: Selectable<UsersTable>;
  m: { role: Role; o: Selectable<OrganisationsTable> }[];
}

const bundleAlone = async (db: Queryable, hash: string): Promise<BundleRow | null> =>
  (await sql<BundleRow>`SELECT s, u, m FROM refuge_session_bundle(${hash})`.execute(db)).rows[0] ?? null;

/**
 * Lookups that arrive while earlier ones are in the database go together (db/statement-batcher): under load every
 * request starts with one, and each alone is a round trip. Each token hash gets the answer of its own lookup (a
 * read: the session is written by sign-in, touches and sign-out, never here).
 */
const bundleBatchers = new WeakMap<Queryable, StatementBatcher<string, BundleRow | null>>();
const bundleBatcher = (db: Queryable) =>
  batcherOf(
    bundleBatchers,
    db,
    () =>
      new StatementBatcher<string, BundleRow | null>({
        alone: (hash) => bundleAlone(db, hash),
        together: async (hashes) => {
          const { rows } = await sql<BundleRow & { hash: string }>`SELECT h.hash, b.s, b.u, b.m
            FROM unnest(${sql.val([...new Set(hashes)])}::text[]) AS h(hash)
            CROSS JOIN LATERAL refuge_session_bundle(h.hash) AS b`.execute(db);
          const found = new Map(rows.map((r) => [r.hash, r]));
          return hashes.map((h) => found.get(h) ?? null);
        },
        maxBatch: 32,
        inFlight: 2,
      }),
  );

/**
 * The session, its user and their memberships in ONE statement: every API request starts here,
 * so this is one round trip instead of a transaction of four, and a function whose plan the
 * database keeps (migration 0033) instead of a statement it plans on every request. Outside a transaction, sent
 * together with the lookups of concurrent requests.
 */
export async function loadSessionBundle(db: Queryable, tokenHash: string): Promise<SessionBundle | null> {
  const r = await (db.isTransaction ? bundleAlone(db, tokenHash) : bundleBatcher(db).call(tokenHash));
  if (!r) return null;
  const iso = (v: unknown) => (v == null ? null : new Date(String(v)).toISOString());
  return {
    session: {
      tokenHash: r.s.token_hash,
      userId: r.s.user_id,
      organisationId: r.s.organisation_id,
      csrfToken: r.s.csrf_token,
      secondFactorPassed: r.s.second_factor_passed,
      expiresAt: iso(r.s.expires_at)!,
      lastSeenAt: iso(r.s.last_seen_at)!,
      createdAt: iso(r.s.created_at)!,
    },
    user: toUser({ ...r.u, locked_until: iso(r.u.locked_until) }),
    memberships: r.m.map((m) => {
      const organisation = toOrganisation(m.o);
      return { organisationId: organisation.id, role: m.role, organisation };
    }),
  };
}
