import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from './test-harness.ts';
import { refuge, seedEmbeddedDatabase, startServerProcess, type ServerProcess } from './test-process.ts';
import { checkLedger, emptyLedger, retarget, runLoad, signInLoadActors, type WriteLedger } from './load-mix.ts';

/** One deployment's environment (data directory, keys, database), fresh for a test or benchmark. */
export interface Deployment {
  env: Record<string, string>;
  dir: string;
  dbName: string | null;
  dispose(): Promise<void>;
}

/**
 * `demoSurvivors`: load a small demo (`refuge demo load --survivors N`) before the first start instead of the full
 * one the server loads with REFUGE_DEMO=1 (seconds instead of a minute; the same organisations and accounts).
 */
export async function createDeployment(
  engine: 'pglite' | 'postgresql',
  options: { demoSurvivors?: number; extra?: Record<string, string> } = {},
): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'refuge-faults-'));
  const dbName = engine === 'postgresql' ? `refuge_faults_${randomBytes(4).toString('hex')}` : null;
  const env: Record<string, string> = {
    REFUGE_DATA_DIR: dir,
    REFUGE_SECRET_KEY: randomBytes(32).toString('base64'),
    REFUGE_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64'),
    REFUGE_DEMO: '1',
    REFUGE_REGISTRATIONS_PER_MINUTE: '100000000',
    ...options.extra,
  };
  if (dbName) {
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    env.DATABASE_URL = testPostgresUrl(dbName);
  } else seedEmbeddedDatabase(dir);
  if (options.demoSurvivors !== undefined) {
    const loaded = await refuge(['demo', 'load', '--survivors', String(options.demoSurvivors)], env);
    if (loaded.code !== 0) throw new Error(`demo load failed: ${loaded.out}`);
    env.REFUGE_DEMO = '0';
  }
  const deployment: Deployment = {
    env,
    dir,
    dbName,
    async dispose() {
      if (dbName) {
        const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return deployment;
}

const acknowledged = (l: WriteLedger) => l.registrations.length + l.uploads.length + l.transitions.size;

export interface CrashRoundsResult {
  rounds: { acknowledgedBefore: number; acknowledgedAfter: number; restartOutput: string }[];
  problems: string[];
  ledger: WriteLedger;
  auditVerify: string;
  startupWarnings: string[];
}

/**
 * Crash rounds: the exit-day mix runs against a real server; at a random moment (after a random number of newly
 * acknowledged writes, so a loaded machine only makes it slower) the server is SIGKILLed and started again on the same
 * data. After every restart each acknowledged registration, upload and referral transition must read back intact;
 * at the end `refuge audit verify` must pass. Nothing is repaired by hand between rounds.
 */
export async function runCrashRounds(options: {
  engine: 'pglite' | 'postgresql';
  rounds: number;
  concurrency?: number;
  /** Each round kills after this many new acknowledged writes plus a random 0..jitter more. */
  writesPerRound?: number;
  jitter?: number;
  demoSurvivors?: number;
  log?: (line: string) => void;
}): Promise<CrashRoundsResult> {
  const log = options.log ?? (() => undefined);
  const deployment = await createDeployment(options.engine, { demoSurvivors: options.demoSurvivors });
  const ledger = emptyLedger();
  const result: CrashRoundsResult = { rounds: [], problems: [], ledger, auditVerify: '', startupWarnings: [] };
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess(deployment.env, 300_000);
    result.startupWarnings.push(
      ...server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('WARNING')),
    );
    const actors = await signInLoadActors(server.url);
    for (let round = 0; round < options.rounds; round++) {
      const before = acknowledged(ledger);
      const target = before + (options.writesPerRound ?? 12) + randomInt((options.jitter ?? 12) + 1);
      let stop = false;
      const load = runLoad(actors, {
        concurrency: options.concurrency ?? 4,
        shouldStop: () => stop,
        ledger,
        // Writes only (the crash checks writes); a few board reads keep the mix honest.
        weights: { register: 3, upload: 2, referral: 3, screening: 1, map: 0, matching: 0, triage: 1, consular: 1 },
      });
      // The first kill waits for at least one upload and one referral transition too, so every kind of write is
      // checked after a crash (a condition, not a clock).
      const covered = () => round > 0 || (ledger.uploads.length > 0 && ledger.transitions.size > 0);
      while (acknowledged(ledger) < target || !covered()) await new Promise((r) => setTimeout(r, 5));
      await server.kill('SIGKILL');
      stop = true;
      await load;
      const atKill = acknowledged(ledger);
      log(`round ${round + 1}: killed after ${atKill - before} new acknowledged writes (${atKill} in all)`);
      server = await startServerProcess({ ...deployment.env, REFUGE_DEMO: '0' }, 300_000);
      retarget(actors, server.url);
      const problems = await checkLedger(actors, ledger);
      result.problems.push(...problems.map((p) => `round ${round + 1}: ${p}`));
      result.rounds.push({ acknowledgedBefore: before, acknowledgedAfter: atKill, restartOutput: server.output() });
      log(`round ${round + 1}: restarted; ${problems.length} problems`);
    }
    await server.kill('SIGTERM');
    server = null;
    const verify = await refuge(['audit', 'verify'], deployment.env);
    result.auditVerify = verify.out;
    if (verify.code !== 0) result.problems.push(`refuge audit verify exited ${verify.code}: ${verify.out}`);
    return result;
  } finally {
    await server?.kill('SIGKILL');
    await deployment.dispose();
  }
}
