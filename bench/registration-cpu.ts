/**
 * CPU time of one survivor registration, on a loaded machine too: wall-clock throughput moves with whatever else
 * runs, CPU seconds per registration much less. Registers survivors one after another through the service
 * (registerSurvivor, no HTTP) and reports, per registration, the Node process's CPU time and — on PostgreSQL — the CPU
 * time of the database backends (both pools have one connection; read from /proc, so run on the database's host).
 *
 *   npx tsx bench/registration-cpu.ts [--engines postgresql,pglite] [--count 2000] [--database refuge_bench_cpu]
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ensureRequestRole, openDatabase, type Database } from '../src/db/database.ts';
import { benchDatabaseName, dropBenchDatabase, openFreshBenchDatabase } from './lib/bench-database.ts';
import { FieldCipher } from '../src/db/encryption.ts';
import { Keyring } from '../src/db/keyring.ts';
import { MemoryBlobStore } from '../src/db/blob-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { createOrganisation, createUser, syncPermissions } from '../src/services/accounts.service.ts';
import { issueServiceSession } from '../src/services/auth.service.ts';
import { registerSurvivor } from '../src/services/casework/register.service.ts';
import type { AppContext } from '../src/services/context.ts';
import { RegisterSurvivorRequest } from '../src/contracts/casework/survivors.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const DB = benchDatabaseName(arg('database', 'refuge_bench_cpu'));
const COUNT = Number(arg('count', '2000'));
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
    database = await openFreshBenchDatabase(DB, 1);
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
    const pids =
      kind === 'postgresql'
        ? await Promise.all(
            [database.db, database.requestDb].map(
              async (db) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid,
            ),
          )
        : [];
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
    for (let i = 0; i < 200; i++) await registerSurvivor(app, actor, body(i)); // warm caches and plans
    const dbBefore = pids.map(procCpuMs);
    const nodeBefore = nodeCpuMs();
    const start = performance.now();
    for (let i = 0; i < COUNT; i++) await registerSurvivor(app, actor, body(200 + i));
    const wall = performance.now() - start;
    const node = nodeCpuMs() - nodeBefore;
    // A pool closes a connection idle for 10 s (the owner's, when registrations no longer use it): it counts 0.
    const db = pids.reduce((s, p, i) => s + Math.max(0, (procCpuMs(p) ?? dbBefore[i]!) - dbBefore[i]!), 0);
    const per = (ms: number) => `${((ms / COUNT) * 1000).toFixed(0)} µs`;
    console.log(
      `${kind}: ${COUNT} registrations one after another — wall ${per(wall)} each (${((COUNT / wall) * 1000).toFixed(0)}/s), ` +
        `CPU per registration: node ${per(node)}` +
        (kind === 'postgresql' ? `, PostgreSQL backends ${per(db)}, total ${per(node + db)}` : ''),
    );
  } finally {
    await database.close();
    if (kind === 'postgresql') await dropBenchDatabase(DB);
  }
}

for (const kind of arg('engines', 'postgresql,pglite').split(',') as ('postgresql' | 'pglite')[]) await run(kind);
