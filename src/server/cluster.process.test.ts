import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { testPostgresUrl } from '../testing/test-harness.ts';
import { HttpClient, startServerProcess, type ServerProcess } from '../testing/test-process.ts';
import { startRoundRobinProxy } from '../testing/round-robin-proxy.ts';
import { LOAD_KINDS, checkLedger, runLoad, signInLoadActors } from '../testing/load-mix.ts';

const ADMIN = { email: 'admin@demo.refuge.example', password: 'refuge-demo-2026' };
const KEY = randomBytes(32).toString('base64');

/** Two stateless server processes behind one PostgreSQL: sessions, limits and jobs live in the database. */
describe('two server processes on one PostgreSQL', () => {
  const dbName = `refuge_cluster_${randomBytes(4).toString('hex')}`;
  let a: ServerProcess, b: ServerProcess;
  const dirs: string[] = [];

  // Every process of one deployment shares the encryption key and the audit signing key.
  const AUDIT_KEY = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'der' })
    .toString('base64');

  beforeAll(async () => {
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    // One data directory for both, as on a shared volume: uploaded files (blobs/) must be readable from either.
    const dir = mkdtempSync(join(tmpdir(), 'refuge-cluster-'));
    dirs.push(dir);
    const env = (demo: string) => {
      return {
        DATABASE_URL: testPostgresUrl(dbName),
        REFUGE_SECRET_KEY: KEY,
        REFUGE_AUDIT_SIGNING_KEY: AUDIT_KEY,
        REFUGE_DATA_DIR: dir,
        REFUGE_DEMO: demo,
      };
    };
    a = await startServerProcess(env('1'));
    b = await startServerProcess(env('0'));
  }, 900_000);

  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a session made on one process works on the other, and sign-out on the other ends it', async () => {
    const onA = new HttpClient(a.url);
    expect((await onA.request('POST', '/api/session', ADMIN)).status).toBe(200);
    const onB = new HttpClient(b.url);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    const home = await onB.request<{ organisation: { isDemo: boolean } }>('GET', '/api/home');
    expect(home.status).toBe(200);
    expect(home.json.organisation.isDemo).toBe(true);
    expect((await onB.request('DELETE', '/api/session')).status).toBe(200);
    expect((await onA.request('GET', '/api/session')).status).toBe(401);
  });

  it('counts failed sign-ins across both processes and locks the account on both', async () => {
    const targets = [a, b];
    for (let i = 0; i < 5; i++) {
      const res = await new HttpClient(targets[i % 2]!.url).request('POST', '/api/session', {
        email: ADMIN.email,
        password: `wrong-${i}`,
      });
      expect(res.status).toBe(401);
    }
    // Locked on both (answered like an unknown account: 401, so the lock is not an account oracle).
    expect((await new HttpClient(a.url).request('POST', '/api/session', ADMIN)).status).toBe(401);
    expect((await new HttpClient(b.url).request('POST', '/api/session', ADMIN)).status).toBe(401);
    // Unlock for the next test (an operator would wait 15 minutes).
    const admin = new pg.Pool({ connectionString: testPostgresUrl(dbName), max: 1 });
    await admin.query(`UPDATE users SET locked_until = NULL, failed_logins = 0`);
    await admin.end();
  });

  it('a job queued through one process is run once, and its progress is readable from the other', async () => {
    const onA = new HttpClient(a.url);
    await onA.request('POST', '/api/session', ADMIN);
    const started = await onA.request<{ id: string }>('POST', '/api/jobs', { kind: 'audit.verify' });
    expect(started.status).toBe(202);
    const onB = new HttpClient(b.url);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    const poll = async () =>
      (
        await onB.request<{ status: string; result: { ok: boolean; checked: number } }>(
          'GET',
          `/api/jobs/${started.json.id}`,
        )
      ).json;
    let job = await poll();
    for (let i = 0; i < 100 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = await poll();
    }
    expect(job.status).toBe('succeeded');
    // The whole result in the message: a failed verification names its first problem.
    expect(job.result.ok, JSON.stringify(job.result)).toBe(true);
    expect(job.result.checked).toBeGreaterThan(0);
    const admin = new pg.Pool({ connectionString: testPostgresUrl(dbName), max: 1 });
    const { rows } = await admin.query('SELECT attempts, locked_by FROM jobs WHERE id = $1', [started.json.id]);
    await admin.end();
    expect(rows[0].attempts).toBe(1);
  });

  it('serves the exit-day mix behind a round-robin proxy with no errors', { timeout: 600_000 }, async () => {
    const proxy = await startRoundRobinProxy([a.url, b.url]);
    try {
      const actors = await signInLoadActors(proxy.url);
      // A short load, bounded by work done (not by a clock): about 120 requests of every kind.
      let done = 0;
      const result = await runLoad(actors, { concurrency: 6, shouldStop: () => done++ >= 120 });
      const failures = LOAD_KINDS.filter((k) => result.stats[k].errors > 0).map(
        (k) => `${k}: ${JSON.stringify(result.stats[k].statuses)}`,
      );
      expect(failures).toEqual([]);
      expect(LOAD_KINDS.reduce((n, k) => n + result.stats[k].ok, 0)).toBeGreaterThan(100);
      // Both processes took their share, and what one acknowledged the other reads back.
      expect(proxy.served.every((n) => n > 20)).toBe(true);
      expect(await checkLedger(actors, result.ledger)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
