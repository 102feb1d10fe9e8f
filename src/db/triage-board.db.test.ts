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
      return system ? asSystem(database, read) : asActor(database, actor, read);
    };
    const filters: Partial<TriageFilter>[] = [
      {},
      { nationalities: ['ZZ'] },
      { kinds: ['legal'], ageBands: ['60_plus'] },
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
});
