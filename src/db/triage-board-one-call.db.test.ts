import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASE_KINDS, signedInActor } from '../testing/test-harness.ts';
import { triageBoardWorld, type TriageBoardWorld } from '../testing/triage-board-world.ts';
import type { RequestActor } from '../services/context.ts';
import { triageBoardInOneCall } from './repositories/casework/needs.repository.ts';
import { asSystem } from './transaction.ts';

/**
 * The board's page in one statement (refuge_board_page, migration 0038), as the service reads it: as the session the
 * statement sets for itself, with the audit entry of the names on the page written in the same statement — tried as
 * the owner and as the attacker.
 */
describe.each(DATABASE_KINDS)('the triage board in one statement on %s', (kind) => {
  let w: TriageBoardWorld;
  beforeAll(async () => {
    w = await triageBoardWorld(kind);
  });
  afterAll(async () => {
    await w?.database.drop();
  });

  const reader = (who: RequestActor, requestId = 'board-request') => ({
    sessionToken: who.sessionToken,
    audit: { view: 'triage', requestId },
  });
  /** The survivor reads audited since `seq`: who, which organisation, which request, whom. */
  const readsSince = async (seq: number) =>
    (
      await asSystem(w.database, (trx) =>
        trx
          .selectFrom('audit_events')
          .select(['actor_user_id', 'organisation_id', 'request_id', 'details'])
          .where('action', '=', 'survivor.read')
          .where('seq', '>', seq)
          .orderBy('seq')
          .execute(),
      )
    ).map((r) => ({
      actor: r.actor_user_id,
      organisation: r.organisation_id,
      request: r.request_id,
      details: r.details,
    }));
  const lastSeq = async () =>
    Number(
      (
        await asSystem(w.database, (trx) =>
          sql<{ s: string }>`SELECT coalesce(max(seq), 0) AS s FROM audit_events`.execute(trx),
        )
      ).rows[0]!.s,
    );

  it('reads a page in one statement as the session, and audits exactly the survivors it names', async () => {
    const survivorOf = (
      await asSystem(w.database, (trx) =>
        trx.selectFrom('cases').select(['id', 'survivor_id']).where('organisation_id', '=', w.own).execute(),
      )
    ).map((r) => r.survivor_id);
    for (const f of [{}, { kinds: ['legal' as const] }, { nationalities: ['KE'] }]) {
      const filter = w.filterOf(f, 20);
      const before = await lastSeq();
      const first = await triageBoardInOneCall(w.database.requestDb, reader(w.actor, 'req-named'), {
        ...filter,
        identitiesOf: w.own,
      });
      if (!first.complete) throw new Error('the walk answers these filters');
      expect(first.rows.map((r) => r.id)).toEqual(w.bruteForce(f).slice(0, 20));
      expect(first.rows.every((r) => r.identityEnc === 'sealed elsewhere')).toBe(true);
      // One entry, attributed by the database to the session, naming each survivor on the page once.
      expect(await readsSince(before)).toEqual([
        {
          actor: w.actor.userId,
          organisation: w.own,
          request: 'req-named',
          details: { view: 'triage', survivorIds: [...new Set(first.rows.map((r) => r.survivorId))] },
        },
      ]);
      expect(survivorOf).toContain(first.rows[0]!.survivorId);
      // A page that names no one (a role whose lists show no names) is read without an entry.
      const unnamed = await lastSeq();
      const plain = await triageBoardInOneCall(w.database.requestDb, reader(w.actor), filter);
      expect(plain.complete && plain.rows.map((r) => [r.id, r.identityEnc])).toEqual(
        first.rows.map((r) => [r.id, null]),
      );
      expect(await readsSince(unnamed)).toEqual([]);
    }
  });

  it("answers another organisation's session or a forged token with nothing, audits no read, keeps the session to its statement", async () => {
    const attacker = await signedInActor(await createTestApp(w.database), w.other);
    const forged = { ...attacker, sessionToken: 'A'.repeat(43) };
    const before = await lastSeq();
    for (const who of [attacker, forged])
      for (const f of [{}, { nationalities: ['KE'] }, { kinds: ['legal' as const] }, { nationalities: ['ZZ'] }])
        for (const walkBudget of [undefined, 1]) {
          // The victim's board, asked for with the victim's organisation and identities named in the call.
          const answer = await triageBoardInOneCall(w.database.requestDb, reader(who), {
            ...w.filterOf(f, 50, undefined, walkBudget),
            identitiesOf: w.own,
          });
          // Row-level security hides every entry of the victim's board from the walk: nothing to walk, nothing cut.
          expect({ f, walkBudget, answer }).toEqual({ f, walkBudget, answer: { complete: true, rows: [] } });
        }
    expect(await readsSince(before)).toEqual([]);
    // The session is the statement's alone: the connection it ran on holds no actor and no role afterwards.
    const after = await w.database.requestDb.connection().execute(async (connection) => {
      await triageBoardInOneCall(connection, reader(w.actor), w.filterOf({}, 5));
      return (
        await sql<{ user: string | null; token: string | null }>`SELECT refuge_user_id() AS user,
          nullif(current_setting('refuge.session_token', true), '') AS token`.execute(connection)
      ).rows[0];
    });
    expect(after).toEqual({ user: null, token: null });
  });

  it('leaves a page the walk could not finish to a transaction, unaudited, and answers an absent nationality at once', async () => {
    const before = await lastSeq();
    // Budget 1: the walk stops at its first entry unless that entry fills the page.
    const sparse = await triageBoardInOneCall(w.database.requestDb, reader(w.actor), {
      ...w.filterOf({ kinds: ['legal'], ageBands: ['60_plus'] }, 50, undefined, 1),
      identitiesOf: w.own,
    });
    expect(sparse).toEqual({ complete: false });
    expect(await readsSince(before)).toEqual([]);
    expect(
      await triageBoardInOneCall(
        w.database.requestDb,
        reader(w.actor),
        w.filterOf({ nationalities: ['ZZ'] }, 50, undefined, 1),
      ),
    ).toEqual({ complete: true, rows: [] });
  });
});
