/**
 * Network analysis benchmark: npm run bench:paths -- [--entities 50000] [--transfers 100000] [--queries 50] [--db pglite|postgresql]
 *
 * Stores a synthetic network (people and companies, each company owned by two or three parties and directed by
 * one, so the graph is connected with hubs) and a synthetic transfer graph between wallets, then prints p50/p95/max
 * latency of path finding between random pairs of entities (GET /api/networks/path's service, at most 6 hops) and of
 * tracing flows 3 transfers out from random wallets. Figures, no thresholds.
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/core/random.ts';
import { referencesOf, type FtmEntity } from '../src/core/networks/ftm.ts';
import { upsertEntities } from '../src/db/repositories/networks/entities.repository.ts';
import { insertTransfers } from '../src/db/repositories/networks/transfers.repository.ts';
import { asSystem } from '../src/db/transaction.ts';
import { findPath } from '../src/services/networks/paths.service.ts';
import { traceWallet } from '../src/services/networks/transfers.service.ts';
import { createTestApp, createTestDatabase } from '../src/testing/test-harness.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const N = Number(arg('--entities', '50000'));
const T = Number(arg('--transfers', '100000'));
const Q = Number(arg('--queries', '50'));
const KIND = arg('--db', 'pglite') === 'postgresql' ? 'postgresql' : 'pglite';
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

const rng = createRng(7);
const database = await createTestDatabase(KIND);
const app = await createTestApp(database);
const at = app.now().toISOString();
const seen = { dataset: 'bench', importId: 'bench', at, createdBy: null };

const t0 = performance.now();
const people = Math.floor(N * 0.4);
const companies = N - people;
let batch: FtmEntity[] = [];
const flush = async () => {
  const writes = batch.map((entity) => ({ entity, refs: referencesOf(entity) }));
  batch = [];
  await asSystem(database, (trx) => upsertEntities(trx, writes, seen));
};
const push = async (e: Omit<FtmEntity, 'datasets' | 'caption'>) => {
  batch.push({ ...e, datasets: ['bench'], caption: e.properties.name?.[0] ?? e.schema });
  if (batch.length >= 2000) await flush();
};
for (let i = 0; i < people; i++) await push({ id: `p${i}`, schema: 'Person', properties: { name: [`Person ${i}`] } });
let relations = 0;
for (let i = 0; i < companies; i++) {
  await push({ id: `c${i}`, schema: 'Company', properties: { name: [`Company ${i}`] } });
  const owners = 2 + rng.int(2);
  for (let k = 0; k < owners; k++) {
    // Owners: mostly people, sometimes an earlier company (holding chains).
    const owner = i > 0 && rng.chance(0.3) ? `c${rng.int(i)}` : `p${rng.int(people)}`;
    await push({ id: `o${i}-${k}`, schema: 'Ownership', properties: { owner: [owner], asset: [`c${i}`] } });
    relations++;
  }
  await push({
    id: `d${i}`,
    schema: 'Directorship',
    properties: { director: [`p${rng.int(people)}`], organization: [`c${i}`] },
  });
  relations++;
}
await flush();
const wallets = Math.max(100, Math.floor(T / 5));
for (let i = 0; i < T; i += 2000) {
  const rows = Array.from({ length: Math.min(2000, T - i) }, (_, j) => ({
    chain: 'tron',
    tx: `t${i + j}`,
    seq: 0,
    from: `W${rng.int(wallets)}`,
    to: `W${rng.int(wallets)}`,
    amount: String(1 + rng.int(10_000)),
    asset: 'USDT',
    at: new Date(Date.parse('2026-01-01T00:00:00Z') + (i + j) * 60_000).toISOString(),
  }));
  await asSystem(database, (trx) => insertTransfers(trx, rows, { dataset: 'bench', at, createdBy: null }));
}
console.log(
  `${KIND}: stored ${N} parties and ${relations} relations, ${T} transfers between ${wallets} wallets in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const pathTimes: number[] = [];
let found = 0;
let hops = 0;
const reasons: Record<string, number> = {};
for (let q = 0; q < Q; q++) {
  const from = rng.chance(0.5) ? `p${rng.int(people)}` : `c${rng.int(companies)}`;
  const to = rng.chance(0.5) ? `p${rng.int(people)}` : `c${rng.int(companies)}`;
  const s = performance.now();
  const p = await findPath(app, null, { from, to });
  pathTimes.push(performance.now() - s);
  if (p.found) {
    found++;
    hops += p.hops;
  } else reasons[p.reason ?? 'none'] = (reasons[p.reason ?? 'none'] ?? 0) + 1;
}
console.log(
  `path finding (${Q} random pairs, ≤6 hops): ${fmt(pathTimes)}; found ${found}/${Q}, mean ${(hops / Math.max(1, found)).toFixed(1)} hops; not found: ${JSON.stringify(reasons)}`,
);

const traceTimes: number[] = [];
let traced = 0;
for (let q = 0; q < Q; q++) {
  const s = performance.now();
  const r = await traceWallet(app, null, { address: `W${rng.int(wallets)}`, hops: 3, direction: 'out', limit: 1000 });
  traceTimes.push(performance.now() - s);
  traced += r.transfers.length;
}
console.log(
  `flow tracing (${Q} wallets, 3 hops out, ≤1000 transfers): ${fmt(traceTimes)}; mean ${(traced / Q).toFixed(0)} transfers`,
);
await database.drop();
