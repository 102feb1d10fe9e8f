import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';
import { register } from '../testing/casework-fixtures.ts';

/**
 * A dropped database connection mid-request (pg_terminate_backend on every backend of the database, as a restart or
 * a failover would) gives the client a clear, retryable 503 with Retry-After, changes nothing, and the server recovers
 * by itself. PostgreSQL only: embedded PGlite runs inside the server process and has no connection to drop.
 */
describe('a database connection dropped mid-request on postgresql', () => {
  let t: TestServer;
  let cw: TestClient;
  let locker: pg.Client;
  beforeAll(async () => {
    t = await createTestServer('postgresql');
    cw = await t.userIn('ngo-a', 'caseworker');
    locker = new pg.Client({ connectionString: t.database.url! });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await t?.close();
  });

  it('answers 503 with Retry-After, writes nothing, and serves the next requests', { timeout: 120_000 }, async () => {
    const { caseId } = await register(cw);
    // Hold the case row so the request is inside its transaction, waiting, when the connections go.
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    const pending = cw.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'critical' });
    for (let i = 0; ; i++) {
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n > 0) break;
      if (i > 600) throw new Error('the request never reached the database');
      await new Promise((r) => setTimeout(r, 50));
    }
    const { rows: killed } = await locker.query(
      `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()) k`,
    );
    expect(killed[0].n).toBeGreaterThan(0);
    await locker.query('COMMIT');

    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json.detail).toMatch(/not applied/);
    const { rows } = await locker.query('SELECT risk_level FROM cases WHERE id = $1', [caseId]);
    expect(rows[0].risk_level).not.toBe('critical');

    // Recovery by itself: pooled connections that died are dropped and replaced. A request that still drew a dead
    // one gets the same retryable 503; within a few tries every request succeeds again.
    let ok = 0;
    for (let i = 0; i < 50 && ok < 5; i++) {
      const again = await cw.request('GET', `/api/cases/${caseId}`);
      if (again.status === 200) ok++;
      else expect(again.status).toBe(503);
    }
    expect(ok).toBe(5);
    const retried = await cw.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'critical' });
    expect(retried.status).toBe(200);
    expect(retried.json.riskLevel).toBe('critical');
  });
});
