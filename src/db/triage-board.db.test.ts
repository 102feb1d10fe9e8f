import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, LOCATION_KINDS, NEED_KINDS } from '../core/vocabulary.ts';
import { pickSome } from '../core/random.ts';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import {
  BOARD_NATIONALITIES as NATIONALITIES,
  triageBoardWorld,
  type BoardKey as Key,
  type TriageBoardWorld,
} from '../testing/triage-board-world.ts';
import { insertOrganisation } from './repositories/accounts.repository.ts';
import {
  insertNeeds,
  triageBoard,
  triageBoardInOneCall,
  triageBoardPastWalk,
  type TriageFilter,
} from './repositories/casework/needs.repository.ts';
import { asActor, asSystem } from './transaction.ts';

/**
 * The board against a brute-force filter and sort over a few hundred needs: whichever plan triageBoard takes (the
 * ordered walk, or a plan through the filter indexes when the walk finds too few), every page of every filter
 * combination, from any cursor, is the brute force's answer, and another organisation's needs never appear.
 * (The page read in one statement as a session, and its audit entry: triage-board-one-call.db.test.ts.)
 */
describe.each(DATABASE_KINDS)('the triage board on %s', (kind) => {
  let w: TriageBoardWorld;
  beforeAll(async () => {
    w = await triageBoardWorld(kind);
  });
  afterAll(async () => {
    await w?.database.drop();
  });
  const rnd = () => w.rng.next();
  const pick = <T>(xs: readonly T[]) => w.rng.pick(xs);
  const some = <T>(xs: readonly T[], max: number): T[] => pickSome(w.rng, xs, max);

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
    const reader = { sessionToken: w.actor.sessionToken, audit: { view: 'triage', requestId: null } };
    const board = (
      f: Partial<TriageFilter>,
      limit: number,
      after: Key | undefined,
      walkBudget: number | undefined,
      system: boolean,
    ) => {
      const filter = w.filterOf(f, limit, after, walkBudget);
      const read = (trx: Parameters<Parameters<typeof asSystem>[1]>[0]) => triageBoard(trx, filter);
      if (system) return asSystem(w.database, read);
      if (rnd() < 0.5) return asActor(w.database, w.actor, read);
      // As the service reads it: one statement as the session, then a transaction if the walk did not answer.
      return triageBoardInOneCall(w.database.requestDb, reader, filter).then((first) =>
        first.complete ? first.rows : asActor(w.database, w.actor, (trx) => triageBoardPastWalk(trx, filter)),
      );
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
          expect(rows.every((r) => r.organisationId === w.own)).toBe(true);
          paged.push(...rows.map((r) => r.id));
          if (rows.length < limit) break;
          after = w.key(rows.at(-1)!);
        }
        expect({ f, walkBudget, ids: paged }).toEqual({ f, walkBudget, ids: w.bruteForce(f) });
        // A cursor taken from any need (matching the filter or not, open or not, even another organisation's).
        const from = w.key(pick(w.needs));
        expect({
          f,
          walkBudget,
          from,
          ids: (await board(f, limit, from, walkBudget, system)).map((r) => r.id),
        }).toEqual({
          f,
          walkBudget,
          from,
          ids: w.bruteForce(f, from).slice(0, limit),
        });
        checked++;
      }
    }
    expect(checked).toBe(filters.length * 3);
  });

  it('reads no need note, by either plan: the board never shows one', async () => {
    for (const walkBudget of [undefined, 1])
      for (const f of [{}, { nationalities: ['KE'] }, { kinds: ['legal' as const], ageBands: ['60_plus' as const] }]) {
        const rows = await asActor(w.database, w.actor, (trx) =>
          triageBoard(trx, { organisationId: w.own, limit: 50, walkBudget, ...f }),
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => 'noteEnc' in r || JSON.stringify(r).includes('sealed note'))).toEqual([]);
      }
  });

  it("gives a caseworker neither another organisation's board nor its needs' nationalities", async () => {
    for (const walkBudget of [undefined, 1])
      for (const f of [{}, { nationalities: ['KE'] }, { nationalities: ['KE'], kinds: ['legal' as const] }])
        expect(
          await asActor(w.database, w.actor, (trx) =>
            triageBoard(trx, { organisationId: w.other, limit: 50, walkBudget, ...f }),
          ),
        ).toEqual([]);
    // The lookup behind the nationality filter answers for the session's own organisation only.
    const ids = await asActor(w.database, w.actor, async (trx) =>
      (
        await sql<{
          id: string;
        }>`SELECT id FROM refuge_board_nationality_needs(${NATIONALITIES}::text[], NULL) AS id`.execute(trx)
      ).rows.map((r) => r.id),
    );
    const otherIds = new Set(w.needs.filter((n) => n.organisationId === w.other).map((n) => n.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => otherIds.has(id))).toEqual([]);
  });

  it("carries the asked organisation's identity envelopes only, even where its case points at another's survivor", async () => {
    // Names on the board are decrypted from these envelopes. Row-level security lets an embassy see a consenting
    // national's row, so a join can reach another organisation's survivor: its envelope must stay out of the page.
    const [a, b] = [randomUUID(), randomUUID()];
    const caseOf = new Map<string, string>();
    await asSystem(w.database, async (trx) => {
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
      (await asSystem(w.database, (trx) => triageBoard(trx, { organisationId: a, limit: 10, identitiesOf })))
        .map((r) => `${r.caseId === caseOf.get(a) ? 'a' : 'b'}: ${r.identityEnc}`)
        .sort();
    expect(await envelopes(a)).toEqual(['a: envelope of a', 'b: null']);
    expect(await envelopes(b)).toEqual(['a: null', 'b: envelope of b']);
    expect(await envelopes()).toEqual(['a: null', 'b: null']);
  });
});
