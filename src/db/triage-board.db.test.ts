import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, LOCATION_KINDS, NEED_KINDS, NEED_STATUSES } from '../core/vocabulary.ts';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import type { RequestActor } from '../services/context.ts';
import { insertOrganisation } from './repositories/accounts.repository.ts';
import {
  insertNeeds,
  triageBoard,
  triageBoardInOneCall,
  triageBoardPastWalk,
  type NeedInsert,
  type TriageFilter,
} from './repositories/casework/needs.repository.ts';
import { asActor, asSystem } from './transaction.ts';
import { createRng, pickSome } from '../core/random.ts';

const NATIONALITIES = ['ID', 'VN', 'PH', 'KE', 'MM'];

/**
 * The board against a brute-force filter and sort over a few hundred needs: whichever plan triageBoard takes (the
 * ordered walk, or a plan through the filter indexes when the walk finds too few), every page of every filter
 * combination, from any cursor, is the brute force's answer, and another organisation's needs never appear.
 */
describe.each(DATABASE_KINDS)('the triage board on %s', (kind) => {
  let database: TestDatabase;
  let actor: RequestActor;
  const own = randomUUID();
  const other = randomUUID();
  const needs: NeedInsert[] = [];
  // Seeded, so a failing combination can be replayed.
  const rng = createRng(13);
  const rnd = rng.next;
  const pick = rng.pick;
  const some = <T>(xs: readonly T[], max: number): T[] => pickSome(rng, xs, max);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await asSystem(database, async (trx) => {
      for (const id of [own, other])
        await insertOrganisation(trx, {
          id,
          slug: `board-${id}`,
          name: 'Board',
          kind: 'ngo',
          nationalitiesServed: [],
          city: null,
          requireTotp: false,
          isDemo: false,
        });
      const caseOf = new Map<string, string>();
      for (const org of [own, other]) {
        const survivorId = randomUUID();
        const caseId = randomUUID();
        await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages, document_status)
          VALUES (${survivorId}, ${org}, 'sealed elsewhere', 'female', '{}', '{}', 'held')`.execute(trx);
        await sql`INSERT INTO cases (id, survivor_id, organisation_id) VALUES (${caseId}, ${survivorId}, ${org})`.execute(
          trx,
        );
        caseOf.set(org, caseId);
      }
      // Few distinct waiting times and priorities, so ties fall through to the later sort keys and the id.
      const times = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 1, 1, 8, i)).toISOString());
      for (let i = 0; i < 420; i++) {
        const org = i % 6 === 5 ? other : own;
        const k = pick(NEED_KINDS);
        const at = pick(times);
        needs.push({
          id: randomUUID(),
          caseId: caseOf.get(org)!,
          organisationId: org,
          kind: k,
          priority: 'normal',
          status: pick(NEED_STATUSES),
          noteEnc: i % 2 ? `sealed note ${i}` : null,
          createdBy: null,
          createdAt: at,
          updatedAt: at,
          urgencyTier: k === 'medical_urgent' ? 0 : 1,
          effectivePriority: Math.floor(rnd() * 4),
          ageBand: rnd() < 0.1 ? null : pick(AGE_BANDS),
          nationalities: rnd() < 0.1 ? [] : some(NATIONALITIES, 2),
          locationKind: pick(LOCATION_KINDS),
          caseRisk: 'medium',
        });
      }
      await insertNeeds(trx, needs);
    });
    actor = await signedInActor(await createTestApp(database), own);
  });
  afterAll(async () => {
    await database?.drop();
  });

  type Key = [number, number, string, string];
  const key = (n: Pick<NeedInsert, 'urgencyTier' | 'effectivePriority' | 'createdAt' | 'id'>): Key => [
    n.urgencyTier,
    n.effectivePriority,
    new Date(n.createdAt).toISOString(),
    n.id,
  ];
  const compare = (a: Key, b: Key) => {
    for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  const bruteForce = (f: Partial<TriageFilter>, after?: Key): string[] =>
    needs
      .filter(
        (n) =>
          n.organisationId === own &&
          (n.status === 'open' || n.status === 'in_progress') &&
          (!f.kinds || f.kinds.includes(n.kind)) &&
          (!f.nationalities || n.nationalities.some((x) => f.nationalities!.includes(x))) &&
          (!f.locationKinds || f.locationKinds.includes(n.locationKind)) &&
          (!f.ageBands || (n.ageBand !== null && f.ageBands.includes(n.ageBand))) &&
          (!after || compare(key(n), after) > 0),
      )
      .sort((a, b) => compare(key(a), key(b)))
      .map((n) => n.id);

  const filterOf = (f: Partial<TriageFilter>, limit: number, after?: Key, walkBudget?: number): TriageFilter => ({
    organisationId: own,
    limit,
    walkBudget,
    ...f,
    ...(after ? { after: { tier: after[0], effectivePriority: after[1], createdAt: after[2], id: after[3] } } : {}),
  });
  const reader = (who: RequestActor, requestId = 'board-request') => ({
    sessionToken: who.sessionToken,
    audit: { view: 'triage', requestId },
  });
  const oneCallThenTransaction = async (f: TriageFilter) => {
    const first = await triageBoardInOneCall(database.requestDb, reader(actor), f);
    return first.complete ? first.rows : asActor(database, actor, (trx) => triageBoardPastWalk(trx, f));
  };
  /** The survivor reads audited since `seq`: who, which organisation, which request, whom. */
  const readsSince = async (seq: number) =>
    (
      await asSystem(database, (trx) =>
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
        await asSystem(database, (trx) =>
          sql<{ s: string }>`SELECT coalesce(max(seq), 0) AS s FROM audit_events`.execute(trx),
        )
      ).rows[0]!.s,
    );

  /** A random filter: each of the four dimensions absent or one to three values, sometimes one no need has. */
  const randomFilter = (): Partial<TriageFilter> => {
    const f: Partial<TriageFilter> = {};
    if (rnd() < 0.5) f.kinds = some(NEED_KINDS, 3);
    if (rnd() < 0.5) f.nationalities = rnd() < 0.15 ? ['ZZ'] : some(NATIONALITIES, 2);
    if (rnd() < 0.4) f.locationKinds = some(LOCATION_KINDS, 3);
    if (rnd() < 0.4) f.ageBands = some(AGE_BANDS, 3);
    return f;
  };

  it('pages every filter combination from any cursor as a brute-force filter and sort does', async () => {
    // As a caseworker of the organisation (row-level security on: the nationality lookup goes through
    // refuge_board_nationality_needs) and as the system (no row-level security: the GIN index is read directly).
    const board = (
      f: Partial<TriageFilter>,
      limit: number,
      after: Key | undefined,
      walkBudget: number | undefined,
      system: boolean,
    ) => {
      const read = (trx: Parameters<Parameters<typeof asSystem>[1]>[0]) =>
        triageBoard(trx, {
          organisationId: own,
          limit,
          walkBudget,
          ...f,
          ...(after
            ? { after: { tier: after[0], effectivePriority: after[1], createdAt: after[2], id: after[3] } }
            : {}),
        });
      if (system) return asSystem(database, read);
      if (rnd() < 0.5) return asActor(database, actor, read);
      // As the service reads it: one statement as the session, then a transaction if the walk did not answer.
      return oneCallThenTransaction(filterOf(f, limit, after, walkBudget));
    };
    const filters: Partial<TriageFilter>[] = [
      {},
      { nationalities: ['ZZ'] },
      { kinds: ['legal'], ageBands: ['60_plus'] },
      // All three walkable columns: each combination's range (needs_board_facets), and more combinations than
      // BOARD_FACET_RANGES (3 x 3 x 2), walked along one column instead.
      { kinds: ['legal', 'shelter'], locationKinds: ['street'], ageBands: ['60_plus', '18_24'], nationalities: ['KE'] },
      {
        kinds: ['legal', 'shelter', 'food'],
        locationKinds: ['street', 'clinic', 'shelter'],
        ageBands: ['60_plus', '18_24'],
      },
    ];
    for (let i = 0; i < 40; i++) filters.push(randomFilter());
    let checked = 0;
    for (const f of filters) {
      // Walk budgets: the default, and small ones that make the walk give up early, forcing the other plans.
      for (const walkBudget of [undefined, 1, 7]) {
        const system = rnd() < 0.3;
        const limit = 1 + Math.floor(rnd() * 12);
        // Page through from the start, each page's cursor being the last row of the one before.
        const paged: string[] = [];
        let after: Key | undefined;
        for (let page = 0; page < 500; page++) {
          const rows = await board(f, limit, after, walkBudget, system);
          expect(rows.length).toBeLessThanOrEqual(limit);
          expect(rows.every((r) => r.organisationId === own)).toBe(true);
          paged.push(...rows.map((r) => r.id));
          if (rows.length < limit) break;
          after = key(rows.at(-1)!);
        }
        expect({ f, walkBudget, ids: paged }).toEqual({ f, walkBudget, ids: bruteForce(f) });
        // A cursor taken from any need (matching the filter or not, open or not, even another organisation's).
        const from = key(pick(needs));
        expect({
          f,
          walkBudget,
          from,
          ids: (await board(f, limit, from, walkBudget, system)).map((r) => r.id),
        }).toEqual({
          f,
          walkBudget,
          from,
          ids: bruteForce(f, from).slice(0, limit),
        });
        checked++;
      }
    }
    expect(checked).toBe(filters.length * 3);
  });

  it('reads no need note, by either plan: the board never shows one', async () => {
    for (const walkBudget of [undefined, 1])
      for (const f of [{}, { nationalities: ['KE'] }, { kinds: ['legal' as const], ageBands: ['60_plus' as const] }]) {
        const rows = await asActor(database, actor, (trx) =>
          triageBoard(trx, { organisationId: own, limit: 50, walkBudget, ...f }),
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => 'noteEnc' in r || JSON.stringify(r).includes('sealed note'))).toEqual([]);
      }
  });

  it("gives a caseworker neither another organisation's board nor its needs' nationalities", async () => {
    for (const walkBudget of [undefined, 1])
      for (const f of [{}, { nationalities: ['KE'] }, { nationalities: ['KE'], kinds: ['legal' as const] }])
        expect(
          await asActor(database, actor, (trx) =>
            triageBoard(trx, { organisationId: other, limit: 50, walkBudget, ...f }),
          ),
        ).toEqual([]);
    // The lookup behind the nationality filter answers for the session's own organisation only.
    const ids = await asActor(database, actor, async (trx) =>
      (
        await sql<{
          id: string;
        }>`SELECT id FROM refuge_board_nationality_needs(${NATIONALITIES}::text[], NULL) AS id`.execute(trx)
      ).rows.map((r) => r.id),
    );
    const otherIds = new Set(needs.filter((n) => n.organisationId === other).map((n) => n.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => otherIds.has(id))).toEqual([]);
  });

  it("carries the asked organisation's identity envelopes only, even where its case points at another's survivor", async () => {
    // Names on the board are decrypted from these envelopes. Row-level security lets an embassy see a consenting
    // national's row, so a join can reach another organisation's survivor: its envelope must stay out of the page.
    const [a, b] = [randomUUID(), randomUUID()];
    const caseOf = new Map<string, string>();
    await asSystem(database, async (trx) => {
      for (const id of [a, b])
        await insertOrganisation(trx, {
          id,
          slug: `names-${id}`,
          name: 'Names',
          kind: 'ngo',
          nationalitiesServed: [],
          city: null,
          requireTotp: false,
          isDemo: false,
        });
      for (const [owner, envelope] of [
        [a, 'envelope of a'],
        [b, 'envelope of b'],
      ] as const) {
        const survivorId = randomUUID();
        const caseId = randomUUID();
        await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages, document_status)
          VALUES (${survivorId}, ${owner}, ${envelope}, 'female', '{}', '{}', 'held')`.execute(trx);
        // Both cases are a's: the second points at b's survivor.
        await sql`INSERT INTO cases (id, survivor_id, organisation_id) VALUES (${caseId}, ${survivorId}, ${a})`.execute(
          trx,
        );
        caseOf.set(owner, caseId);
      }
      const at = new Date(Date.UTC(2026, 1, 1)).toISOString();
      await insertNeeds(
        trx,
        [a, b].map((owner) => ({
          id: randomUUID(),
          caseId: caseOf.get(owner)!,
          organisationId: a,
          kind: 'legal' as const,
          priority: 'normal' as const,
          status: 'open' as const,
          noteEnc: null,
          createdBy: null,
          createdAt: at,
          updatedAt: at,
          urgencyTier: 1,
          effectivePriority: 1,
          ageBand: null,
          nationalities: [],
          locationKind: 'street' as const,
          caseRisk: 'medium' as const,
        })),
      );
    });
    // As the system: no row-level security, so the page's own condition is all that keeps b's envelope out.
    const envelopes = async (identitiesOf?: string) =>
      (await asSystem(database, (trx) => triageBoard(trx, { organisationId: a, limit: 10, identitiesOf })))
        .map((r) => `${r.caseId === caseOf.get(a) ? 'a' : 'b'}: ${r.identityEnc}`)
        .sort();
    expect(await envelopes(a)).toEqual(['a: envelope of a', 'b: null']);
    expect(await envelopes(b)).toEqual(['a: null', 'b: envelope of b']);
    expect(await envelopes()).toEqual(['a: null', 'b: null']);
  });

  it('reads a page in one statement as the session, and audits exactly the survivors it names', async () => {
    const survivorOf = (
      await asSystem(database, (trx) =>
        trx.selectFrom('cases').select(['id', 'survivor_id']).where('organisation_id', '=', own).execute(),
      )
    ).map((r) => r.survivor_id);
    for (const f of [{}, { kinds: ['legal' as const] }, { nationalities: ['KE'] }]) {
      const filter = filterOf(f, 20);
      const before = await lastSeq();
      const first = await triageBoardInOneCall(database.requestDb, reader(actor, 'req-named'), {
        ...filter,
        identitiesOf: own,
      });
      if (!first.complete) throw new Error('the walk answers these filters');
      expect(first.rows.map((r) => r.id)).toEqual(bruteForce(f).slice(0, 20));
      expect(first.rows.every((r) => r.identityEnc === 'sealed elsewhere')).toBe(true);
      // One entry, attributed by the database to the session, naming each survivor on the page once.
      expect(await readsSince(before)).toEqual([
        {
          actor: actor.userId,
          organisation: own,
          request: 'req-named',
          details: { view: 'triage', survivorIds: [...new Set(first.rows.map((r) => r.survivorId))] },
        },
      ]);
      expect(survivorOf).toContain(first.rows[0]!.survivorId);
      // A page that names no one (a role whose lists show no names) is read without an entry.
      const unnamed = await lastSeq();
      const plain = await triageBoardInOneCall(database.requestDb, reader(actor), filter);
      expect(plain.complete && plain.rows.map((r) => [r.id, r.identityEnc])).toEqual(
        first.rows.map((r) => [r.id, null]),
      );
      expect(await readsSince(unnamed)).toEqual([]);
    }
  });

  it("answers another organisation's session or a forged token with nothing, audits no read, keeps the session to its statement", async () => {
    const attacker = await signedInActor(await createTestApp(database), other);
    const forged = { ...attacker, sessionToken: 'A'.repeat(43) };
    const before = await lastSeq();
    for (const who of [attacker, forged])
      for (const f of [{}, { nationalities: ['KE'] }, { kinds: ['legal' as const] }, { nationalities: ['ZZ'] }])
        for (const walkBudget of [undefined, 1]) {
          // The victim's board, asked for with the victim's organisation and identities named in the call.
          const answer = await triageBoardInOneCall(database.requestDb, reader(who), {
            ...filterOf(f, 50, undefined, walkBudget),
            identitiesOf: own,
          });
          // Row-level security hides every entry of the victim's board from the walk: nothing to walk, nothing cut.
          expect({ f, walkBudget, answer }).toEqual({ f, walkBudget, answer: { complete: true, rows: [] } });
        }
    expect(await readsSince(before)).toEqual([]);
    // The session is the statement's alone: the connection it ran on holds no actor and no role afterwards.
    const after = await database.requestDb.connection().execute(async (connection) => {
      await triageBoardInOneCall(connection, reader(actor), filterOf({}, 5));
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
    const sparse = await triageBoardInOneCall(database.requestDb, reader(actor), {
      ...filterOf({ kinds: ['legal'], ageBands: ['60_plus'] }, 50, undefined, 1),
      identitiesOf: own,
    });
    expect(sparse).toEqual({ complete: false });
    expect(await readsSince(before)).toEqual([]);
    expect(
      await triageBoardInOneCall(
        database.requestDb,
        reader(actor),
        filterOf({ nationalities: ['ZZ'] }, 50, undefined, 1),
      ),
    ).toEqual({ complete: true, rows: [] });
  });
});
