import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COVERAGE_ROW_MODES,
  nationalitiesCoveredBy,
  type CoverageRow,
  type ResidentEmbassy,
} from '../core/consular/coverage.ts';
import { createTestApp, createTestDatabase, DATABASE_KINDS, signedInActor } from '../testing/test-harness.ts';
import type { RequestActor } from '../services/context.ts';

/**
 * refuge_org_served() (migrations 0013, 0042), which row-level security's embassy policies read, against the rule in
 * core/consular/coverage on random coverage worlds: every organisation, signed in, is told exactly the nationalities
 * core resolves to it. (At most one resident embassy per nationality: two would both count as resident in SQL, and
 * core picks one; no deployment has two embassies of one country in the host capital.)
 */
describe.each(DATABASE_KINDS)('refuge_org_served on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const served = async (actor: RequestActor | null): Promise<string[]> => {
    const c = await database.requestPool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('role', 'refuge_app', true), set_config('refuge.session_token', $1, true)`, [
        actor?.sessionToken ?? '',
      ]);
      const { rows } = await c.query<{ s: string[] }>(`SELECT refuge_org_served() AS s`);
      return rows[0]!.s;
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  };

  it('answers each organisation what core/consular/coverage resolves to it, and nothing without a session', async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const NATIONALITIES = ['ID', 'VN', 'PH', 'KE', 'LA', 'ET', 'UG', 'NP', 'LK', 'GN', 'SL', 'LR'];
    for (let world = 0; world < 4; world++) {
      const orgs = Array.from({ length: 8 }, (_, i) => ({
        id: randomUUID(),
        kind: i < 4 ? 'embassy' : pick(['ngo', 'clinic', 'embassy'] as const),
      }));
      const embassies: ResidentEmbassy[] = [];
      const unclaimed = [...NATIONALITIES];
      for (const o of orgs.filter((x) => x.kind === 'embassy')) {
        const mine = unclaimed.splice(0, Math.floor(rnd() * 3));
        embassies.push({ id: o.id, nationalitiesServed: mine.map((n) => (rnd() < 0.3 ? n.toLowerCase() : n)) });
      }
      const rows: CoverageRow[] = [];
      for (const n of NATIONALITIES)
        for (const o of orgs)
          if (rnd() < 0.15)
            rows.push({
              nationality: n,
              organisationId: o.id,
              mode: pick(COVERAGE_ROW_MODES),
              seat: null,
              rank: Math.floor(rnd() * 3),
            });
      const owner = database.pool;
      await owner.query('DELETE FROM consular_coverage');
      for (const o of orgs)
        await owner.query(
          `INSERT INTO organisations (id, slug, name, kind, nationalities_served) VALUES ($1, $2, 'Org', $3, $4)`,
          [o.id, `served-${o.id}`, o.kind, embassies.find((e) => e.id === o.id)?.nationalitiesServed ?? []],
        );
      for (const r of rows)
        await owner.query(
          `INSERT INTO consular_coverage (nationality, organisation_id, mode, rank) VALUES ($1, $2, $3, $4)`,
          [r.nationality, r.organisationId, r.mode, r.rank],
        );
      // Earlier worlds' embassies still serve their nationalities: core is told of them too.
      const everyEmbassy = (
        await owner.query<{ id: string; n: string[] }>(
          `SELECT id, nationalities_served AS n FROM organisations WHERE kind = 'embassy'`,
        )
      ).rows.map((e) => ({ id: e.id, nationalitiesServed: e.n }));
      let someServe = 0;
      for (const o of orgs) {
        const expected = nationalitiesCoveredBy(o.id, everyEmbassy, rows);
        if (expected.length) someServe++;
        expect(await served(await signedInActor(app, o.id)), `world ${world}, ${o.kind}`).toEqual(expected);
      }
      expect(someServe).toBeGreaterThan(1);
      await owner.query(`UPDATE organisations SET nationalities_served = '{}' WHERE id = ANY ($1)`, [
        orgs.map((o) => o.id),
      ]);
    }
    expect(await served(null)).toEqual([]);
  });
});
