import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import type { RequestActor } from '../services/context.ts';
import { loadSessionBundle } from './repositories/sessions.repository.ts';
import { recordStatements } from '../testing/sent-statements.ts';
import { asSystem } from './transaction.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Every API request starts with its session's lookup; lookups that arrive together go to the database as one
 * statement (db/statement-batcher). Each must still get its own session and nobody else's.
 */
describe.each(DATABASE_KINDS)('session lookups sent together on %s', (kind) => {
  let database: TestDatabase;
  let a: RequestActor;
  let b: RequestActor;
  const [orgA, orgB] = [randomUUID(), randomUUID()];
  let recorder: ReturnType<typeof recordStatements>;
  let sent: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.pool.query(
      `INSERT INTO organisations(id, slug, name, kind) VALUES ($1, 'lookup-a', 'A', 'ngo'), ($2, 'lookup-b', 'B', 'ngo')`,
      [orgA, orgB],
    );
    const app = await createTestApp(database);
    a = await signedInActor(app, orgA);
    b = await signedInActor(app, orgB, ['analyst']);
    recorder = recordStatements();
    sent = recorder.sent;
  });
  afterAll(async () => {
    recorder?.stop();
    await database?.drop();
  });

  it('answers each lookup of a batch with its own session, an unknown one with nothing, in one statement', async () => {
    sent.length = 0;
    const [forA, forB, unknown, forAAgain] = await Promise.all(
      [a.sessionToken, b.sessionToken, 'not a session', a.sessionToken].map((t) =>
        loadSessionBundle(database.db, hashOf(t)),
      ),
    );
    const who = (bundle: typeof forA) =>
      bundle && {
        user: bundle.session.userId,
        organisation: bundle.session.organisationId,
        memberships: bundle.memberships.map((m) => [m.organisationId, m.role]),
      };
    expect(who(forA)).toEqual({ user: a.userId, organisation: orgA, memberships: [[orgA, 'caseworker']] });
    expect(who(forB)).toEqual({ user: b.userId, organisation: orgB, memberships: [[orgB, 'analyst']] });
    expect(unknown).toBeNull();
    expect(who(forAAgain)).toEqual(who(forA));
    // Each caller gets an object of its own: one changing its answer changes no other's.
    expect(forAAgain).not.toBe(forA);
    expect(sent.filter((q) => q.includes('refuge_session_bundle'))).toHaveLength(1);
  });

  it('looks up alone inside a transaction, which a batch must not join', async () => {
    sent.length = 0;
    const bundle = await asSystem(database, (trx) => loadSessionBundle(trx, hashOf(b.sessionToken)));
    expect(bundle?.session.userId).toBe(b.userId);
    expect(sent.filter((q) => q.includes('refuge_session_bundle') && !q.includes('unnest'))).toHaveLength(1);
  });
});
