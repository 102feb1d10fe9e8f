/**
 * Casework API benchmark: registrations (POST /api/survivors) and the triage board (GET /api/triage)
 * over loopback HTTP, driven from a second process, at a growing number of cases.
 *
 *   npx tsx bench/api.ts [--sizes 10000,100000,1000000] [--pglite-sizes 10000,100000] [--engines postgresql,pglite]
 *                        [--concurrency 24] [--seconds 8] [--max-requests 20000] [--database refuge_bench]
 *                        [--explain] [--keep] [--reuse] [--consular] [--pool 24] [--accounts 1] [--profile DIR]
 *                        [--client http|fetch] [--rate register=N,triage=N,consular=N] [--page-cpu N]
 *
 * --pool: the server's connections per pool (two pools: owner and request role). The product's default is
 * REFUGE_DB_POOL=10; the benchmark's 24 gives each client its own connection. Run it at several sizes to compare.
 * Each measured phase prints the CPU time per request of the server (this process), the database's backends and the
 * load generator: on a shared machine less noisy than wall time, and the three share the same cores.
 * --profile DIR: writes each measured phase's CPU profile of the server and of the client to DIR (.cpuprofile; open in
 * Chrome's DevTools, or summarise with `npx tsx bench/profile-top.ts FILE`).
 * --rate register=N,triage=N: an open loop for the phases named, instead of the closed one. By default each client
 * sends its next request as soon as its last is answered, so the machine is saturated and latency is concurrency over
 * throughput (24 clients at 250 pages/s wait about 96 ms whatever a page costs). With --rate, N requests a second are
 * due on a fixed schedule, sent by whichever client is free, and each latency counts from its due time: what a user
 * sees at that load.
 * --client: how the load generator sends requests (bench/lib/api-client.ts): node:http (the default) or fetch, which
 * earlier figures used and which takes more of the machine's CPU from the server.
 * --page-cpu N: before the phases, each board filter's first and second page N times through the service, one at a
 * time, with the database's and the server's CPU per page (boardPageCpu).
 * --accounts: how many caseworker accounts of the benchmark organisation the clients share (client i signs in as
 * account i mod N). One account (the default, as in earlier figures) is the worst case for the per-account
 * rate-limit row every registration counts; on an exit day each responder registers under their own account.
 * PostgreSQL: creates `refuge_bench` on postgres://postgres@127.0.0.1:5432/postgres and drops it after.
 * --keep leaves it, marked so a later run without --reuse refuses to drop it; --reuse measures a kept one again
 * (migrated to this checkout, then vacuumed) instead of loading a million cases anew — how a change is compared with
 * the code before it on the same data. Fresh runs of another size beside a kept one: --database NAME.
 * Cases are bulk-loaded with generate_series (not one request each); half belong to the benchmark
 * organisation (so its triage board holds half of all open needs), the rest to nine others.
 * Bulk-loaded survivors' identities are sealed as registration seals them, so the board decrypts their names.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql, type CompiledQuery, type QueryResult } from 'kysely';
import { ensureRequestRole, openDatabase, type Database } from '../src/db/database.ts';
import {
  benchDatabaseName,
  dropBenchDatabase,
  markKept,
  openFreshBenchDatabase,
  openKeptBenchDatabase,
} from './lib/bench-database.ts';
import { referenceWorkMs } from './lib/machine-speed.ts';
import { FieldCipher } from '../src/db/encryption.ts';
import { Keyring } from '../src/db/keyring.ts';
import { MemoryBlobStore } from '../src/db/blob-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { asActor, asSystem } from '../src/db/transaction.ts';
import { triageBoard, type TriageFilter } from '../src/db/repositories/casework/needs.repository.ts';
import { buildServer } from '../src/server/app.ts';
import { createOrganisation, createUser, syncPermissions } from '../src/services/accounts.service.ts';
import { issueServiceSession } from '../src/services/sessions.service.ts';
import type { AppContext, RequestActor } from '../src/services/context.ts';
import { sealIdentity } from '../src/services/casework/survivor-envelopes.service.ts';
import { consularQueue } from '../src/services/casework/consular-queue.service.ts';
import { ConsularQueueQuery } from '../src/contracts/casework/consular.ts';
import { TriageQuery } from '../src/contracts/casework/triage.ts';
import { triage } from '../src/services/casework/needs.service.ts';
import { TRIAGE_SORT_KEYS } from '../src/core/triage/urgency.ts';
import { AGE_BANDS, FOCUS_NATIONALITIES, NEED_KINDS, NEED_PRIORITIES } from '../src/core/vocabulary.ts';
import {
  CLIENT_KINDS,
  CONSULAR_FILTERS,
  drive,
  TRIAGE_FILTERS,
  type ClientKind,
  type ClientResult,
  type Session,
} from './lib/api-client.ts';

// --database: two benchmark runs on one server must not drop each other's database.
const BENCH_DB = benchDatabaseName(arg('database', 'refuge_bench'));
// Not built from the email's words (the password rules refuse those).
const PASSWORD = 'loopback throughput 2026 measured';
// The demo's nationalities, so the benchmark's population looks like the product's.
const NATIONALITIES = FOCUS_NATIONALITIES;

/** --rate register=400,triage=100: the open loop's offered rate per phase (a phase not named stays closed). */
function rateArg(text: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [mode, rate] = part.split('=');
    if (!['register', 'triage', 'consular'].includes(mode!) || !(Number(rate) > 0))
      throw new Error(`--rate takes register=N,triage=N,consular=N; not "${part}"`);
    rates[mode!] = Number(rate);
  }
  return rates;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** What a measured phase cost in CPU, per request (ms): this process (the server), the database's backends, the client. */
interface PhaseCpu {
  server: number;
  database: number | null;
  client: number;
}

/**
 * One measured phase: the load generator's result and the CPU each party spent per request. With --profile DIR, the
 * server's CPU profile of the phase (this process, through the inspector) and the client's (--cpu-prof) are written to
 * DIR as .cpuprofile files (bench/profile-top.ts summarises one).
 */
async function measuredDrive(
  database: Database,
  run: (clientProfile?: { dir: string; name: string }) => Promise<ClientResult>,
  name: string,
): Promise<{ result: ClientResult; cpu: PhaseCpu }> {
  const dir = arg('profile', '');
  const { Session } = await import('node:inspector/promises');
  const inspector = dir ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const spent = await cpuDuring(database, () => run(dir ? { dir, name: `client-${name}.cpuprofile` } : undefined));
  const result = spent.value;
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/server-${name}.cpuprofile`, JSON.stringify(profile));
    inspector.disconnect();
  }
  const n = Math.max(1, result.requests);
  return {
    result,
    cpu: {
      server: spent.server / n,
      database: spent.database === null ? null : spent.database / n,
      client: result.clientCpuMs / n,
    },
  };
}

/* ---------------- bulk loading ---------------- */

/** PostgreSQL's md5(text)::uuid, so sealed identities name the ids the SQL gives the rows. */
const md5Uuid = (text: string): string =>
  createHash('md5')
    .update(text)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

const effectiveSql = TRIAGE_SORT_KEYS.find((k) => k.name === 'effective_priority')!.sql;
const tierSql = TRIAGE_SORT_KEYS.find((k) => k.name === 'urgency_tier')!.sql;
const pgArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Adds cases [from, to) with their survivors and one or two needs each, in batches of generate_series. */
async function bulkLoad(
  app: AppContext,
  database: Database,
  orgIds: string[],
  userId: string,
  from: number,
  to: number,
  log: (s: string) => void,
): Promise<void> {
  const batch = database.kind === 'pglite' ? 50_000 : 200_000;
  // h(g, salt, n): a pseudo-random 0..n-1 per row and attribute, so attributes are independent of each other
  // and of the organisation.
  await database.pool.query(
    `CREATE OR REPLACE FUNCTION h(g bigint, salt text, n int) RETURNS int LANGUAGE sql IMMUTABLE
     AS $$ SELECT abs(hashtext(salt || g::text)) % n $$`,
  );
  for (let lo = from; lo < to; lo += batch) {
    const hi = Math.min(to, lo + batch);
    await asSystem(database, async (trx) => {
      // Identities sealed as registration seals them (the board shows preferred names), bound to each survivor's id.
      const gs = Array.from({ length: hi - lo }, (_, k) => lo + k);
      const encs = gs.map((g) =>
        sealIdentity(app, md5Uuid(`s${g}`), {
          names: [{ value: `Bench Person ${g}`, preferred: true }],
          dateOfBirth: null,
          contacts: [],
        }),
      );
      await sql`${sql.raw(`
        INSERT INTO survivors (id, organisation_id, registered_by, registered_at, identity_enc, sex, age_band,
                               nationalities, languages, document_status, location_kind, exit_mode,
                               consent_own_embassy, consent_statistics, is_demo)
        SELECT md5('s' || g)::uuid,
               (${pgArray(orgIds)}::uuid[])[1 + (CASE WHEN g % 2 = 0 THEN 0 ELSE 1 + g % ${orgIds.length - 1} END)],
               '${userId}',
               now() - (g % 90000) * interval '1 minute', x.enc,
               (ARRAY['female','male'])[1 + h(g, 'sex', 2)],
               (${pgArray(AGE_BANDS)})[1 + h(g, 'age', ${AGE_BANDS.length})],
               ARRAY[(${pgArray(NATIONALITIES)})[1 + h(g, 'nat', ${NATIONALITIES.length})]], ARRAY['en'],
               (ARRAY['held','confiscated','lost'])[1 + h(g, 'doc', 3)],
               (ARRAY['shelter','clinic','street','own_address','unknown'])[1 + h(g, 'loc', 5)], 'escaped',
               h(g, 'emb', 3) = 0, true, false
        `)} FROM unnest(${gs}::bigint[], ${encs}::text[]) AS x(g, enc)`.execute(trx);
      await sql
        .raw(
          `
        INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, assigned_to, opened_at, updated_at)
        SELECT md5('c' || s.g)::uuid, md5('s' || s.g)::uuid, sv.organisation_id,
               (ARRAY['open','assessed','assisting','awaiting_documents','awaiting_travel',
                      'repatriated'])[1 + h(s.g, 'st', 6)],
               (ARRAY['low','medium','high','critical'])[1 + h(s.g, 'risk', 4)],
               NULL, sv.registered_at, sv.registered_at
        FROM generate_series(${lo}, ${hi - 1}) AS s(g) JOIN survivors sv ON sv.id = md5('s' || s.g)::uuid`,
        )
        .execute(trx);
      // One need per case, a second for every third case; about 70% still open.
      await sql
        .raw(
          `
        INSERT INTO needs (id, case_id, organisation_id, kind, priority, status, created_at, updated_at, urgency_tier,
                           effective_priority, age_band, nationalities, location_kind, case_risk)
        SELECT md5('n' || n.g || '-' || n.k)::uuid, c.id, c.organisation_id, n.kind, n.priority, n.status,
               n.created_at, n.created_at,
               (SELECT ${tierSql} FROM (SELECT n.kind AS kind) x),
               (SELECT ${effectiveSql}
                  FROM (SELECT n.priority AS priority, sv.age_band AS age_band, c.risk_level AS risk_level) x),
               sv.age_band, sv.nationalities, sv.location_kind, c.risk_level
        FROM (SELECT g, k,
                     (${pgArray(NEED_KINDS)})[1 + h(g * 2 + k, 'kind', ${NEED_KINDS.length})] AS kind,
                     (${pgArray(NEED_PRIORITIES)})[1 + h(g * 2 + k, 'pri', ${NEED_PRIORITIES.length})] AS priority,
                     CASE WHEN h(g * 2 + k, 'open', 10) < 7 THEN 'open' ELSE 'met' END AS status,
                     now() - h(g * 2 + k, 'age', 200000) * interval '1 minute' AS created_at
              FROM generate_series(${lo}, ${hi - 1}) g, generate_series(1, 2) k WHERE k = 1 OR g % 3 = 0) n
        JOIN cases c ON c.id = md5('c' || n.g)::uuid JOIN survivors sv ON sv.id = c.survivor_id`,
        )
        .execute(trx);
    });
    log(`    loaded ${hi.toLocaleString('en')} cases`);
  }
  // VACUUM as well as ANALYZE: the state autovacuum leaves a settled table in (visibility map set), where the board's
  // walks are index-only scans (0028), as are the consular queue's (0031). A fresh bulk load would otherwise visit the
  // heap for every walked entry.
  for (const table of ['survivors', 'cases', 'needs', 'consular_queue_entries'])
    await database.pool.query(`VACUUM (ANALYZE) ${table}`);
  await database.pool.query('DROP FUNCTION h(bigint, text, int)');
}

/** A board query string of TRIAGE_FILTERS as the repository's filter. */
function triageFilterOf(query: string): Partial<TriageFilter> {
  const p = new URLSearchParams(query);
  const list = <T extends string>(name: string) => (p.get(name) ? (p.get(name)!.split(',') as T[]) : undefined);
  return {
    kinds: list('kind'),
    nationalities: list('nationality'),
    locationKinds: list('locationKind'),
    ageBands: list('ageBand'),
  };
}

/**
 * Prints, as the benchmark user (row-level security on), the plan of the board's first page for each filter
 * (--explain), and the time of its first and second page in the database alone, one query at a time: less noisy
 * than the HTTP figures on a shared machine.
 */
async function explainBoard(
  database: Database,
  actor: { userId: string; organisationId: string; sessionToken: string },
  explain: boolean,
): Promise<void> {
  console.log('  board in the database alone, one at a time (median of 5, ms; page 1 / page 2):');
  for (const query of TRIAGE_FILTERS) {
    const filter = { organisationId: actor.organisationId, limit: 50, ...triageFilterOf(query) };
    if (explain) {
      const plan = await asActor(database, actor, async (trx) => {
        // Runs each statement twice: once under EXPLAIN ANALYZE (kept for printing), then for real.
        type Execute = (q: CompiledQuery, ...rest: unknown[]) => Promise<QueryResult<Record<string, unknown>>>;
        const executor = trx.getExecutor() as unknown as { executeQuery: Execute };
        const original = executor.executeQuery.bind(executor);
        const plans: string[] = [];
        executor.executeQuery = async (q, ...rest) => {
          if (/^\s*(select|with)\b/i.test(q.sql)) {
            const r = await original({ ...q, sql: `EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${q.sql}` }, ...rest);
            plans.push(r.rows.map((x) => String(x['QUERY PLAN'])).join('\n'));
          }
          return original(q, ...rest);
        };
        await triageBoard(trx, filter);
        executor.executeQuery = original;
        return plans.join('\n      ---\n');
      });
      console.log(`    plan ${query || '(none)'}:\n      ${plan.split('\n').join('\n      ')}`);
    }
    const times: [number[], number[]] = [[], []];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      const first = await asActor(database, actor, (trx) => triageBoard(trx, filter));
      times[0].push(performance.now() - t0);
      const last = first.at(-1);
      if (!last) continue;
      t0 = performance.now();
      await asActor(database, actor, (trx) =>
        triageBoard(trx, {
          ...filter,
          after: {
            tier: last.urgencyTier,
            effectivePriority: last.effectivePriority,
            createdAt: last.createdAt,
            id: last.id,
          },
        }),
      );
      times[1].push(performance.now() - t0);
    }
    const median = (xs: number[]) => (xs.length ? xs.sort((a, b) => a - b)[2]!.toFixed(1) : '-');
    console.log(
      `    ${(query || '(none)').padEnd(92)} ${median(times[0]).padStart(7)} / ${median(times[1]).padStart(7)}`,
    );
  }
}

/**
 * CPU time (ms) each backend of this benchmark database has used so far, by process id, from /proc (the server runs
 * on this machine): on a shared machine, less noisy than wall time. Null where /proc cannot be read.
 */
async function databaseCpuMs(database: Database): Promise<Map<number, number> | null> {
  // PGlite runs inside this process (its pg_stat_activity names some pid that is not a backend of its own).
  if (database.kind === 'pglite') return null;
  const { rows } = await database.pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const { readFileSync } = await import('node:fs');
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 (utime, stime) after the command name in parentheses; clock ticks of 10 ms on Linux.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      return null;
    }
  }
  return out;
}

/** The CPU the backends used between two readings (a backend started in between counts from zero). */
const cpuSpent = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

/** What `work` answers, and the CPU (ms) the database's backends (null: not readable, or PGlite) and this process spent. */
async function cpuDuring<T>(
  database: Database,
  work: () => Promise<T>,
): Promise<{ value: T; database: number | null; server: number }> {
  const db0 = await databaseCpuMs(database);
  const node0 = process.cpuUsage();
  const value = await work();
  const node = process.cpuUsage(node0);
  const db1 = await databaseCpuMs(database);
  return { value, database: db0 && db1 ? cpuSpent(db0, db1) : null, server: (node.user + node.system) / 1000 };
}

/**
 * The consular queue without HTTP, one request at a time (median of 5, ms; page 1 / page 2): the service call with its
 * database reads, less noisy than the HTTP figures on a shared machine; and the CPU the database and this process
 * spent per call (page 1 and 2 together, mean of the 5).
 */
async function timeQueue(app: AppContext, actor: RequestActor) {
  console.log(
    '  consular queue without HTTP, one at a time (median of 5, ms; page 1 / page 2; CPU per call, database + server):',
  );
  const median = (xs: number[]) => (xs.length ? xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1) : '-');
  for (const query of CONSULAR_FILTERS) {
    const params = ConsularQueueQuery.parse(Object.fromEntries(new URLSearchParams(`limit=50${query}`)));
    const times: [number[], number[]] = [[], []];
    let calls = 0;
    const spent = await cpuDuring(app.database, async () => {
      for (let i = 0; i < 5; i++) {
        let t0 = performance.now();
        const first = await consularQueue(app, actor, params);
        times[0].push(performance.now() - t0);
        calls++;
        if (!first.nextCursor) continue;
        t0 = performance.now();
        await consularQueue(app, actor, { ...params, cursor: first.nextCursor });
        times[1].push(performance.now() - t0);
        calls++;
      }
    });
    const cpu =
      spent.database === null ? '-' : `${(spent.database / calls).toFixed(1)} + ${(spent.server / calls).toFixed(1)}`;
    console.log(
      `    ${(query || '(none)').padEnd(80)} ${median(times[0]).padStart(7)} / ${median(times[1]).padStart(7)}   CPU ${cpu}`,
    );
  }
}

/**
 * --page-cpu N: each board filter's first and second page N times through the service (triage(): the page's statement,
 * its names decrypted, its items built; no HTTP), one call at a time, and the CPU the database's backends and this
 * process spent per page. What a page costs with nothing queued beside it: under bench:api's 24 clients the same
 * pages cost the database about twice as much (docs/operations/scaling.md, "A slow day").
 */
async function boardPageCpu(app: AppContext, actor: RequestActor, n: number) {
  console.log(`  board through the service, one page at a time (${n} each; CPU ms per page, database + server):`);
  const ms = (x: number | null) => (x === null ? '-' : x.toFixed(2));
  const pages: { database: number | null; server: number }[] = [];
  for (const query of TRIAGE_FILTERS) {
    const params = TriageQuery.parse(Object.fromEntries(new URLSearchParams(`limit=50${query}`)));
    const first = await triage(app, actor, params);
    const cells: string[] = [];
    for (const page of [params, first.nextCursor ? { ...params, cursor: first.nextCursor } : null]) {
      if (!page) {
        cells.push('-'.padStart(11));
        continue;
      }
      const spent = await cpuDuring(app.database, async () => {
        for (let i = 0; i < n; i++) await triage(app, actor, page);
      });
      const one = { database: spent.database === null ? null : spent.database / n, server: spent.server / n };
      pages.push(one);
      cells.push(`${ms(one.database)} + ${ms(one.server)}`.padStart(11));
    }
    console.log(`    ${(query || '(none)').padEnd(92)} ${cells.join(' / ')}`);
  }
  const mean = (xs: (number | null)[]) =>
    xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + x!, 0) / xs.length;
  console.log(
    `    mean of the pages: database ${ms(mean(pages.map((p) => p.database)))} ms, ` +
      `server ${ms(mean(pages.map((p) => p.server)))} ms`,
  );
}

/* ---------------- one engine ---------------- */

async function benchEngine(
  kind: 'postgresql' | 'pglite',
  sizes: number[],
  opts: {
    concurrency: number;
    seconds: number;
    maxRequests: number;
    client: ClientKind;
    rates: Record<string, number>;
  },
): Promise<void> {
  let database: Database;
  const reuse = kind === 'postgresql' && process.argv.includes('--reuse');
  if (reuse) {
    database = await openKeptBenchDatabase(BENCH_DB, Number(arg('pool', '24')));
  } else if (kind === 'postgresql') {
    database = await openFreshBenchDatabase(BENCH_DB, Number(arg('pool', '24')));
  } else {
    database = await openDatabase({});
  }
  const log = (s: string) => console.log(s);
  try {
    await migrate(database.pool);
    // A migration may have filled a table: the settled state the bulk load leaves (see bulkLoad).
    if (reuse) await database.pool.query('VACUUM (ANALYZE)');
    await ensureRequestRole(database, { password: null }); // the benchmark server trusts local connections: no password
    const app: AppContext = {
      database,
      // PostgreSQL: one key per benchmark database name, so a --reuse run opens the identities a --keep run sealed
      // (bulk-loaded placeholders; never a deployment's key).
      cipher: new FieldCipher(
        new Keyring([
          {
            kid: 'bench1',
            key:
              kind === 'postgresql'
                ? createHash('sha256').update(`refuge bench ${BENCH_DB}`).digest()
                : randomBytes(32),
          },
        ]),
      ),
      blobs: new MemoryBlobStore(),
      now: () => new Date(),
      newId: () => randomUUID(),
      // One account registers thousands a minute here: lift the per-account limit (the counter is still hit,
      // as in production).
      limits: { registrationsPerWindow: Number.MAX_SAFE_INTEGER },
    };
    await syncPermissions(app);
    // --reuse: the organisations and accounts the kept database already has.
    const existing = async (table: 'organisations' | 'users', column: 'slug' | 'email', value: string) =>
      reuse
        ? (
            await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${value}`.execute(
              database.db,
            )
          ).rows[0]
        : undefined;
    const orgIds: string[] = [];
    for (let i = 0; i < 10; i++)
      orgIds.push(
        ((await existing('organisations', 'slug', `bench-ngo-${i}`)) ??
          (await createOrganisation(app, { slug: `bench-ngo-${i}`, name: `Bench NGO ${i}`, kind: 'ngo' })))!.id,
      );
    const user =
      (await existing('users', 'email', 'bench@bench.test')) ??
      (await createUser(app, {
        email: 'bench@bench.test',
        displayName: 'Bench',
        password: PASSWORD,
        memberships: [{ organisation: 'bench-ngo-0', role: 'caseworker' }],
      }));
    // --consular: an embassy serving Vietnam (one of eighteen nationalities; a third of survivors consent).
    const consular = process.argv.includes('--consular');
    if (consular && !(await existing('users', 'email', 'consul@bench.test'))) {
      await createOrganisation(app, {
        slug: 'bench-embassy-vn',
        name: 'Bench Embassy VN',
        kind: 'embassy',
        nationalitiesServed: ['VN'],
      });
      await createUser(app, {
        email: 'consul@bench.test',
        displayName: 'Bench consul',
        password: PASSWORD,
        memberships: [{ organisation: 'bench-embassy-vn', role: 'consular_officer' }],
      });
    }
    const server = await buildServer({ app, version: 'bench', secureCookies: false, webRoot: null });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const signInAs = async (email: string) => {
      const res = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      const cookie = String(res.headers.get('set-cookie')).split(';')[0]!;
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const sessions = [await signInAs('bench@bench.test')];
    for (let i = 1; i < Number(arg('accounts', '1')); i++) {
      const email = `bench${i}@bench.test`;
      if (!(await existing('users', 'email', email)))
        await createUser(app, {
          email,
          displayName: `Bench ${i}`,
          password: PASSWORD,
          memberships: [{ organisation: 'bench-ngo-0', role: 'caseworker' }],
        });
      sessions.push(await signInAs(email));
    }
    const consul = consular ? await signInAs('consul@bench.test') : null;
    console.log(
      `\n${kind}: server on ${base}, ${opts.concurrency} concurrent clients (${opts.client}) from a second process, ` +
        `≤ ${opts.seconds} s or ${opts.maxRequests} requests per phase` +
        (Object.keys(opts.rates).length
          ? `, open loop (requests/s offered, latency from each request's due time): ${JSON.stringify(opts.rates)}`
          : ''),
    );
    // --reuse: the cases the kept database holds (registrations of earlier runs included) count as loaded.
    let loaded = reuse
      ? Number((await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n)
      : 0;
    for (const size of sizes) {
      const t0 = Date.now();
      if (size > loaded) await bulkLoad(app, database, orgIds, user.id, loaded, size, log);
      loaded = Math.max(loaded, size);
      console.log(`  ${size.toLocaleString('en')} cases bulk-loaded (+${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      await explainBoard(
        database,
        (await issueServiceSession(app, { userId: user.id, organisationId: orgIds[0]!, minutes: 120 }))!,
        process.argv.includes('--explain'),
      );
      if (process.argv.includes('--page-cpu'))
        await boardPageCpu(
          app,
          (await issueServiceSession(app, { userId: user.id, organisationId: orgIds[0]!, minutes: 120 }))!,
          Number(arg('page-cpu', '60')) || 60,
        );
      if (consular) {
        const embassy = await asSystem(database, (trx) =>
          trx.selectFrom('organisations').select('id').where('slug', '=', 'bench-embassy-vn').executeTakeFirstOrThrow(),
        );
        const consulUser = await asSystem(database, (trx) =>
          trx.selectFrom('users').select('id').where('email', '=', 'consul@bench.test').executeTakeFirstOrThrow(),
        );
        await timeQueue(
          app,
          (await issueServiceSession(app, { userId: consulUser.id, organisationId: embassy.id, minutes: 120 }))!,
        );
      }
      // Warm-up, then measure.
      await drive(base, sessions, 'triage', { maxRequests: 200, concurrency: 4, seconds: 5, client: opts.client });
      const phase = (s: Session[], mode: string) =>
        measuredDrive(
          database,
          (profile) => drive(base, s, mode, { ...opts, rate: opts.rates[mode] ?? 0 }, profile),
          `${kind}-${size}-${mode}`,
        );
      const reg = await phase(sessions, 'register');
      const tri = await phase(sessions, 'triage');
      const queue = consul ? await phase([consul], 'consular') : null;
      for (const { result: r, cpu } of [reg, tri, ...(queue ? [queue] : [])]) {
        console.log(
          `  ${r.mode.padEnd(9)} ${String(r.perSecond).padStart(6)}/s  ` +
            `p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  ` +
            `(${r.requests} requests, ${r.errors} errors, ${JSON.stringify(r.statuses)})`,
        );
        console.log(
          `  ${''.padEnd(9)} CPU per request: server ${cpu.server.toFixed(2)} ms, ` +
            `database ${cpu.database === null ? '-' : cpu.database.toFixed(2)} ms, client ${cpu.client.toFixed(2)} ms`,
        );
      }
      for (const r of [tri.result, ...(queue ? [queue.result] : [])]) {
        console.log(`  ${r.mode} per filter (ms):`);
        for (const f of (r.perFilter ?? []).sort((a, b) => b.p95 - a.p95))
          console.log(
            `    ${f.label.padEnd(92)} n ${String(f.n).padStart(4)}  p50 ${String(f.p50).padStart(7)}  ` +
              `p95 ${String(f.p95).padStart(7)}  p99 ${String(f.p99).padStart(7)}`,
          );
      }
    }
    await server.close();
  } finally {
    await database.close();
    // --keep: leave the loaded database for --reuse or EXPLAIN by hand (psql), marked so no fresh run drops it.
    if (kind === 'postgresql' && !process.argv.includes('--keep')) await dropBenchDatabase(BENCH_DB);
    else if (kind === 'postgresql') await markKept(BENCH_DB, `${sizes.at(-1)!.toLocaleString('en')} cases`);
  }
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '10000,100000,1000000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const pgliteSizes = arg('pglite-sizes', arg('sizes', '10000,100000'))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const engines = arg('engines', 'postgresql,pglite').split(',');
  const opts = {
    concurrency: Number(arg('concurrency', '24')),
    seconds: Number(arg('seconds', '8')),
    maxRequests: Number(arg('max-requests', '20000')),
    client: arg('client', 'http') as ClientKind,
    rates: rateArg(arg('rate', '')),
  };
  if (!CLIENT_KINDS.includes(opts.client)) throw new Error(`--client is one of ${CLIENT_KINDS.join(', ')}`);
  console.log(
    `Refuge casework API benchmark — node ${process.version}, ${(await import('node:os')).cpus().length} cores, ` +
      `${opts.concurrency} clients (${opts.client}) on ${arg('accounts', '1')} account(s), ` +
      `PostgreSQL pool ${arg('pool', '24')} per pool`,
  );
  const speed = async () => `${(await referenceWorkMs()).toFixed(0)} ms`;
  console.log(`machine speed, every core busy (bench/lib/machine-speed.ts; lower is faster): ${await speed()}`);
  if (engines.includes('postgresql')) await benchEngine('postgresql', sizes, opts);
  if (engines.includes('pglite')) await benchEngine('pglite', pgliteSizes, opts);
  console.log(`\nmachine speed at the end: ${await speed()}`);
}

await main();
