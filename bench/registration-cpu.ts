/**
 * CPU time of one survivor registration, on a loaded machine too: wall-clock throughput moves with whatever else
 * runs, CPU seconds per registration much less. Registers survivors one after another through the service
 * (registerSurvivor, no HTTP) and reports, per registration, the Node process's CPU time and — on PostgreSQL — the CPU
 * time of the database backends (read from /proc, so run on the database's host).
 *
 * --concurrency N (PostgreSQL): N registrations at a time, all by one account (bench:api's shape without HTTP), on N
 * connections per pool; adds latency percentiles and what the backends running a registration wait on (sampled every
 * 50 ms from pg_stat_activity): one account's registrations queue on its rate-limit row (migration 0030).
 *
 *   npx tsx bench/registration-cpu.ts [--engines postgresql,pglite] [--count 2000] [--concurrency 1]
 *                                     [--database refuge_bench_cpu]
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureRequestRole, openDatabase, type Database } from '../src/db/database.ts';
import { ADMIN_URL, benchDatabaseName, dropBenchDatabase, openFreshBenchDatabase } from './lib/bench-database.ts';
import { FieldCipher } from '../src/db/encryption.ts';
import { Keyring } from '../src/db/keyring.ts';
import { MemoryBlobStore } from '../src/db/blob-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { createOrganisation, createUser, syncPermissions } from '../src/services/accounts.service.ts';
import { issueServiceSession } from '../src/services/sessions.service.ts';
import { registerSurvivor } from '../src/services/casework/register.service.ts';
import type { AppContext } from '../src/services/context.ts';
import { RegisterSurvivorRequest } from '../src/contracts/casework/survivors.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const DB = benchDatabaseName(arg('database', 'refuge_bench_cpu'));
const COUNT = Number(arg('count', '2000'));
const CONCURRENCY = Number(arg('concurrency', '1'));
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process in ms (fields 14 and 15 of /proc/<pid>/stat); null once it has exited. */
function procCpuMs(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
const nodeCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(kind: 'postgresql' | 'pglite'): Promise<void> {
  let database: Database;
  if (kind === 'postgresql') {
    database = await openFreshBenchDatabase(DB, CONCURRENCY);
  } else database = await openDatabase({});
  try {
    await migrate(database.pool);
    await ensureRequestRole(database, { password: null });
    const app: AppContext = {
      database,
      cipher: new FieldCipher(new Keyring([{ kid: 'bench1', key: randomBytes(32) }])),
      blobs: new MemoryBlobStore(),
      now: () => new Date(),
      newId: () => randomUUID(),
      limits: { registrationsPerWindow: Number.MAX_SAFE_INTEGER },
    };
    await syncPermissions(app);
    const org = await createOrganisation(app, { slug: 'cpu-ngo', name: 'CPU NGO', kind: 'ngo' });
    const user = await createUser(app, {
      email: 'cpu@bench.test',
      displayName: 'CPU',
      password: 'loopback cpu time 2026 measured',
      memberships: [{ organisation: 'cpu-ngo', role: 'caseworker' }],
    });
    const actor = await issueServiceSession(app, { userId: user.id, organisationId: org.id, minutes: 600 });
    if (!actor) throw new Error('no session');
    const body = (i: number) =>
      RegisterSurvivorRequest.parse({
        names: [{ value: `Cpu Person ${i}`, script: 'Latn', preferred: true }],
        sex: i % 2 ? 'female' : 'male',
        ageBand: i % 5 ? '25_34' : 'under_18',
        nationalities: ['ID'],
        languages: ['id'],
        contacts: [{ channel: 'whatsapp', value: `+62 812 ${String(i).padStart(8, '0')}` }],
        documentStatus: 'confiscated',
        location: { kind: 'street', detail: 'near the night market' },
        compound: 'KK Park',
        exitMode: 'escaped',
        consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
      });
    /** `count` registrations from number `from` on, CONCURRENCY at a time; the latency of each in ms. */
    const register = async (from: number, count: number) => {
      const latencies: number[] = [];
      let next = from;
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
          while (next < from + count) {
            const t0 = performance.now();
            await registerSurvivor(app, actor, body(next++));
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return latencies.sort((a, b) => a - b);
    };
    await register(0, 200); // warm caches and plans, and open every connection
    // Every backend of the database: both pools' connections.
    const pids =
      kind === 'postgresql'
        ? (
            await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(
              database.db,
            )
          ).rows.map((r) => r.pid)
        : [];
    const waits = kind === 'postgresql' && CONCURRENCY > 1 ? sampleWaits() : null;
    const dbBefore = pids.map(procCpuMs);
    const nodeBefore = nodeCpuMs();
    const start = performance.now();
    const latencies = await register(200, COUNT);
    const wall = performance.now() - start;
    const node = nodeCpuMs() - nodeBefore;
    // A pool closes a connection idle for 10 s (the owner's, when registrations no longer use it): it counts 0.
    const db = pids.reduce((s, p, i) => s + Math.max(0, (procCpuMs(p) ?? dbBefore[i]!) - dbBefore[i]!), 0);
    const per = (ms: number) => `${((ms / COUNT) * 1000).toFixed(0)} µs`;
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    const waited = await waits?.stop();
    console.log(
      `${kind}: ${COUNT} registrations ${CONCURRENCY > 1 ? `${CONCURRENCY} at a time by one account` : 'one after another'} — ` +
        `wall ${per(wall)} each (${((COUNT / wall) * 1000).toFixed(0)}/s), ` +
        `CPU per registration: node ${per(node)}` +
        (kind === 'postgresql' ? `, PostgreSQL backends ${per(db)}, total ${per(node + db)}` : '') +
        (CONCURRENCY > 1 ? `\n  latency p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms` : '') +
        (waited ? `\n  registrations' backends, sampled: ${waited}` : ''),
    );
  } finally {
    await database.close();
    if (kind === 'postgresql') await dropBenchDatabase(DB);
  }
}

/** What the backends running refuge_register_survivor wait on, as shares of samples, until stopped. */
function sampleWaits(): { stop(): Promise<string> } {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  const client = new pg.Client({ connectionString: url.toString() });
  const seen = new Map<string, number>();
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ w: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND query LIKE '%refuge_register_survivor%' GROUP BY 1`,
      );
      for (const r of rows) seen.set(r.w, (seen.get(r.w) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      const total = [...seen.values()].reduce((a, b) => a + b, 0);
      return [...seen]
        .sort((a, b) => b[1] - a[1])
        .map(([w, n]) => `${w} ${((100 * n) / total).toFixed(0)} %`)
        .join(', ');
    },
  };
}

for (const kind of arg('engines', 'postgresql,pglite').split(',') as ('postgresql' | 'pglite')[]) await run(kind);
