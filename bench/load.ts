/**
 * An exit day's mix against a real `refuge serve` on PostgreSQL, driven from this (second) process for a bounded
 * time: registrations, screening, triage board, referral transitions, consular updates, evidence uploads, map
 * requests and matching checks (src/testing/load-mix.ts). Prints throughput and latency percentiles per kind, the
 * error rate, the server's RSS over time, and the first limit it hit with the evidence (server CPU, PostgreSQL wait
 * events from pg_stat_activity, connections in use, machine CPU).
 *
 *   npm run bench:load -- [--seconds 60] [--concurrency 16] [--pool 10] [--engine postgresql|pglite]
 *                         [--crash-rounds N [--demo-survivors 40]]   heavier crash variant: N SIGKILL rounds under the mix
 *                         (src/testing/crash-rounds.ts; the full demo unless --demo-survivors)
 *
 * Creates a database refuge_load_<random> on postgres://postgres@127.0.0.1:5432 and drops it afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServerProcess } from '../src/testing/test-process.ts';
import { LOAD_KINDS, percentile, runLoad, signInLoadActors } from '../src/testing/load-mix.ts';
import { runCrashRounds } from '../src/testing/crash-rounds.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const seconds = Number(arg('seconds', '60'));
const concurrency = Number(arg('concurrency', '16'));
const poolSize = Number(arg('pool', '10'));
const engine = arg('engine', 'postgresql') as 'postgresql' | 'pglite';
const crashRounds = Number(arg('crash-rounds', '0'));
const demoSurvivors = process.argv.includes('--demo-survivors') ? Number(arg('demo-survivors', '40')) : undefined;

/** CPU seconds (user + system) of a process, from /proc. */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
function machineCpu(): { busy: number; total: number } {
  const parts = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = parts[3]! + parts[4]!;
  const total = parts.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function main(): Promise<void> {
  if (crashRounds > 0) {
    const result = await runCrashRounds({ engine, rounds: crashRounds, demoSurvivors, log: (s) => console.log(s) });
    console.log(JSON.stringify(result));
    if (result.problems.length) process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'refuge-load-'));
  const dbName = `refuge_load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: ADMIN_URL, max: 2 });
  const env: Record<string, string> = {
    REFUGE_DATA_DIR: dir,
    REFUGE_SECRET_KEY: randomBytes(32).toString('base64'),
    REFUGE_DEMO: '1',
    REFUGE_DB_POOL: String(poolSize),
    // One account registers thousands a minute here; the per-account limit is lifted (the counter is still hit).
    REFUGE_REGISTRATIONS_PER_MINUTE: '100000000',
  };
  if (engine === 'postgresql') {
    await admin.query(`CREATE DATABASE ${dbName}`);
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${dbName}`;
  }
  console.log(
    `Refuge exit-day load — node ${process.version}, ${cpus().length} cores, ${engine}, ` +
      `${concurrency} concurrent clients, ${seconds} s, server pool ${poolSize}`,
  );
  const server = await startServerProcess(env, 300_000);
  try {
    const actors = await signInLoadActors(server.url);
    const samples: {
      t: number;
      rss: number;
      serverCpu: number;
      machineBusy: number;
      waits: Record<string, number>;
      active: number;
    }[] = [];
    let stop = false;
    const t0 = Date.now();
    let lastCpu = processCpuSeconds(server.pid);
    let lastMachine = machineCpu();
    let lastAt = Date.now();
    const sampler = (async () => {
      while (!stop) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = Date.now();
        const cpu = processCpuSeconds(server.pid);
        const m = machineCpu();
        const waits: Record<string, number> = {};
        let active = 0;
        if (engine === 'postgresql') {
          const { rows } = await admin.query(
            `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n
             FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1, 2`,
            [dbName],
          );
          for (const r of rows as { state: string; w: string; n: number }[]) {
            if (r.state === 'active' || r.state === 'idle in transaction') {
              active += r.n;
              const key = r.state === 'active' ? r.w : 'idle in transaction (waiting on the server)';
              waits[key] = (waits[key] ?? 0) + r.n;
            }
          }
        }
        samples.push({
          t: (now - t0) / 1000,
          rss: rssMiB(server.pid),
          serverCpu: (cpu - lastCpu) / ((now - lastAt) / 1000),
          machineBusy: (m.busy - lastMachine.busy) / Math.max(1, m.total - lastMachine.total),
          waits,
          active,
        });
        lastCpu = cpu;
        lastMachine = m;
        lastAt = now;
      }
    })();
    const result = await runLoad(actors, { concurrency, shouldStop: () => Date.now() - t0 > seconds * 1000 });
    stop = true;
    await sampler;

    console.log('\nkind         requests    /s      p50 ms   p95 ms   p99 ms   errors  statuses');
    let total = 0;
    let errors = 0;
    for (const kind of LOAD_KINDS) {
      const s = result.stats[kind];
      const sorted = [...s.latencies].sort((a, b) => a - b);
      const n = s.ok + s.errors;
      total += n;
      errors += s.errors;
      console.log(
        `${kind.padEnd(12)} ${String(n).padStart(8)} ${(n / result.seconds).toFixed(1).padStart(7)} ` +
          `${percentile(sorted, 0.5).toFixed(0).padStart(8)} ${percentile(sorted, 0.95).toFixed(0).padStart(8)} ` +
          `${percentile(sorted, 0.99).toFixed(0).padStart(8)} ${String(s.errors).padStart(8)}  ${JSON.stringify(s.statuses)}`,
      );
    }
    console.log(
      `all          ${String(total).padStart(8)} ${(total / result.seconds).toFixed(1).padStart(7)}` +
        `   error rate ${((100 * errors) / Math.max(1, total)).toFixed(2)} %`,
    );

    console.log('\nserver RSS over time (MiB), server CPU (cores), machine CPU busy, DB connections busy:');
    const step = Math.max(1, Math.floor(samples.length / 12));
    for (let i = 0; i < samples.length; i += step) {
      const s = samples[i]!;
      console.log(
        `  t=${s.t.toFixed(0).padStart(4)} s  rss ${s.rss.toFixed(0).padStart(5)}  cpu ${s.serverCpu.toFixed(2)}  ` +
          `machine ${(100 * s.machineBusy).toFixed(0).padStart(3)} %  db busy ${s.active}`,
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const steady = samples.slice(Math.floor(samples.length / 5));
    const serverCpu = mean(steady.map((s) => s.serverCpu));
    const machine = mean(steady.map((s) => s.machineBusy));
    const busy = mean(steady.map((s) => s.active));
    const waits: Record<string, number> = {};
    for (const s of steady) for (const [k, v] of Object.entries(s.waits)) waits[k] = (waits[k] ?? 0) + v;
    const waitTotal = Object.values(waits).reduce((a, b) => a + b, 0);
    const topWaits = Object.entries(waits)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, v]) => `${k} ${((100 * v) / Math.max(1, waitTotal)).toFixed(0)} %`);
    console.log(
      `\nsteady state: server process ${serverCpu.toFixed(2)} cores, machine ${(100 * machine).toFixed(0)} % busy ` +
        `(${cpus().length} cores, shared), DB connections busy ${busy.toFixed(1)} of pool ${poolSize} (×2 pools), ` +
        `RSS ${samples[0]?.rss.toFixed(0)} → ${samples.at(-1)?.rss.toFixed(0)} MiB`,
    );
    if (engine === 'postgresql')
      console.log(`PostgreSQL backends by wait event: ${topWaits.join(', ') || 'none busy'}`);
    // The first limit: the resource that ran out first, by the evidence above.
    const lockWait = Object.entries(waits)
      .filter(([k]) => /^(Lock|LWLock)/.test(k))
      .reduce((a, [, v]) => a + v, 0);
    let limit: string;
    if (serverCpu > 0.85)
      limit = `the server's Node event loop: one process used ${serverCpu.toFixed(2)} cores (a Node process computes on one); add processes (docs/operations/scaling.md)`;
    else if (machine > 0.9)
      limit = `the machine's CPU: ${(100 * machine).toFixed(0)} % busy across ${cpus().length} cores (server, PostgreSQL and this load generator share them)`;
    else if (busy >= poolSize * 0.9)
      limit = `the connection pool: ${busy.toFixed(1)} of ${poolSize} connections busy on average (REFUGE_DB_POOL)`;
    else if (waitTotal > 0 && lockWait / waitTotal > 0.3)
      limit = `row and lock contention in PostgreSQL: ${((100 * lockWait) / waitTotal).toFixed(0)} % of busy backends wait on locks (${topWaits[0]})`;
    else limit = `none saturated at ${concurrency} clients: latency is round trips; raise --concurrency`;
    console.log(`first limit: ${limit}`);
  } finally {
    await server.kill('SIGTERM');
    if (engine === 'postgresql')
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
