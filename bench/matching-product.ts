/**
 * Demo load with the matching step, and checks of single registrations against the loaded demo:
 * `npx tsx bench/matching-product.ts`.
 */
import { createTestDatabase, createTestApp } from '../src/testing/test-harness.ts';
import { loadDemo } from '../src/services/demo/load.ts';
import { asSystem } from '../src/db/transaction.ts';
import { sql } from 'kysely';
for (const kind of ['postgresql', 'pglite'] as const) {
  const db = await createTestDatabase(kind);
  const app = await createTestApp(db);
  let last = Date.now();
  let lastName = '';
  const times: Record<string, number> = {};
  const r = await loadDemo(app, {
    onProgress: (s) => {
      if (lastName) times[lastName] = Date.now() - last;
      last = Date.now();
      lastName = s;
    },
  });
  times[lastName] = Date.now() - last;
  const { rows } = await asSystem(db, (trx) =>
    sql`SELECT origin, status, organisation_a = organisation_b AS same, count(*)::int n,
               round(avg(match_probability)::numeric, 3) p
        FROM match_proposals GROUP BY 1,2,3`.execute(trx),
  );
  console.log(kind, JSON.stringify(times), r.counts.matching, JSON.stringify(rows));
  const { checkSurvivorForDuplicates } = await import('../src/services/matching/check.service.ts');
  const ids = (await asSystem(db, (trx) => trx.selectFrom('survivors').select('id').limit(50).execute())).map(
    (x) => x.id,
  );
  let t = performance.now();
  await checkSurvivorForDuplicates(app, null, ids[0]!);
  console.log('first check (index build)', (performance.now() - t).toFixed(0), 'ms');
  t = performance.now();
  for (const id of ids.slice(1)) await checkSurvivorForDuplicates(app, null, id);
  console.log('per check', ((performance.now() - t) / 49).toFixed(1), 'ms');
  await db.drop();
}
