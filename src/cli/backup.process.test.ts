import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from '../testing/test-harness.ts';
import { openDatabase } from '../db/database.ts';
import { refuge, startServerProcess, type ServerProcess } from '../testing/test-process.ts';
import { createDeployment, type Deployment } from '../testing/crash-rounds.ts';
import { emptyLedger, runLoad, signInLoadActors } from '../testing/load-mix.ts';

/**
 * `refuge backup` while the exit-day mix keeps writing gives one consistent snapshot: restoring it into a fresh data
 * directory (PGlite) and into an empty PostgreSQL database gives the same rows, every registration acknowledged before
 * the backup started, and an audit log that verifies.
 */
describe('backup under load', () => {
  let deployment: Deployment | null = null;
  let server: ServerProcess | null = null;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await server?.kill('SIGKILL');
    for (const c of cleanup) await c().catch(() => undefined);
    await deployment?.dispose();
  });

  it('is consistent and restores on both engines with a verifying audit log', { timeout: 900_000 }, async () => {
    deployment = await createDeployment('postgresql', { demoSurvivors: 40 });
    server = await startServerProcess(deployment.env, 300_000);
    const actors = await signInLoadActors(server.url);
    const ledger = emptyLedger();
    let stop = false;
    const load = runLoad(actors, {
      concurrency: 4,
      shouldStop: () => stop,
      ledger,
      weights: { map: 0, matching: 0, triage: 0, upload: 1 },
    });
    // Writes are flowing before the backup starts, and keep flowing while it runs.
    while (ledger.registrations.length < 5) await new Promise((r) => setTimeout(r, 20));
    const before = ledger.registrations.map((r) => r.caseId);
    const file = join(deployment.dir, 'backup.ndjson.gz');
    const backup = await refuge(['backup', '--out', file], deployment.env);
    const during = ledger.registrations.length - before.length;
    stop = true;
    await load;
    expect(backup.code, backup.out).toBe(0);

    // The rows of the backup, per table (the file's own record).
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').slice(1);
    const inBackup: Record<string, number> = {};
    for (const line of lines) {
      const page = JSON.parse(line) as { table: string; count: number };
      inBackup[page.table] = (inBackup[page.table] ?? 0) + page.count;
    }

    // Restore into a fresh PGlite directory and into an empty PostgreSQL database, with the same keys.
    const keys = {
      REFUGE_SECRET_KEY: deployment.env.REFUGE_SECRET_KEY!,
      REFUGE_AUDIT_SIGNING_KEY: deployment.env.REFUGE_AUDIT_SIGNING_KEY!,
      REFUGE_DEMO: '0',
    };
    const liteDir = mkdtempSync(join(tmpdir(), 'refuge-restore-'));
    cleanup.push(async () => rmSync(liteDir, { recursive: true, force: true }));
    const pgDir = mkdtempSync(join(tmpdir(), 'refuge-restore-'));
    cleanup.push(async () => rmSync(pgDir, { recursive: true, force: true }));
    const dbName = `refuge_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    cleanup.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    });
    const targets = {
      pglite: { ...keys, REFUGE_DATA_DIR: liteDir },
      postgresql: { ...keys, REFUGE_DATA_DIR: pgDir, DATABASE_URL: testPostgresUrl(dbName) },
    };
    for (const [name, env] of Object.entries(targets)) {
      const restored = await refuge(['restore', '--from', file], env);
      expect(restored.code, `${name}: ${restored.out}`).toBe(0);
      expect(restored.out).toMatch(/audit log intact/);
      const verify = await refuge(['audit', 'verify'], env);
      expect(verify.code, `${name}: ${verify.out}`).toBe(0);
    }

    // Same records in both restores, as in the file (the restores' own sealing adds tree heads, nothing else).
    const restoredPg = new pg.Pool({ connectionString: testPostgresUrl(dbName), max: 1 });
    cleanup.unshift(() => restoredPg.end());
    for (const table of ['survivors', 'cases', 'needs', 'referrals', 'evidence', 'case_events', 'audit_events']) {
      const { rows } = await restoredPg.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0].n, table).toBe(inBackup[table] ?? 0);
    }
    // Every registration acknowledged before the backup started is in it, case and survivor.
    const { rows } = await restoredPg.query(
      'SELECT count(*)::int AS n FROM cases c JOIN survivors s ON s.id = c.survivor_id WHERE c.id = ANY($1::uuid[])',
      [before],
    );
    expect(rows[0].n).toBe(before.length);
    // The PGlite restore holds the same rows as the PostgreSQL one (opened once the CLI let go of the directory).
    const lite = await openDatabase({ dataDir: join(liteDir, 'pglite') });
    try {
      for (const table of Object.keys(inBackup)) {
        const [a, b] = [
          await lite.pool.query(`SELECT count(*)::int AS n FROM ${table}`),
          await restoredPg.query(`SELECT count(*)::int AS n FROM ${table}`),
        ];
        expect(a.rows[0].n, table).toBe(b.rows[0].n);
      }
      const ids = await lite.pool.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id', [before]);
      expect(ids.rows).toHaveLength(before.length);
    } finally {
      await lite.close();
    }
    console.log(`backup under load: ${before.length} registrations before it, ${during} more while it ran`);
  });
});
