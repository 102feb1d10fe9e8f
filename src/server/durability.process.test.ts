import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { verifyAuditLog } from '../services/audit-verification.service.ts';
import type { AppContext } from '../services/context.ts';
import { HttpClient, startServerProcess } from '../testing/test-process.ts';
import { createDeployment, runCrashRounds, type Deployment } from '../testing/crash-rounds.ts';

const ACKNOWLEDGED_BEFORE_KILL = 25;
const ADMIN = { email: 'admin@demo.refuge.example', password: 'refuge-demo-2026' };

/**
 * Acknowledged writes survive a crash: several sessions keep switching organisation (each switch is
 * a session update plus an audit event in one transaction); the server is killed with SIGKILL
 * mid-stream and restarted; every acknowledged switch must be there, and the audit chain intact.
 */
describe.each(['pglite', 'postgresql'] as const)('durability across SIGKILL on %s', (kind) => {
  let deployment: Deployment | undefined;
  afterAll(async () => {
    await deployment?.dispose();
  });

  it('keeps every acknowledged write', { timeout: 240_000 }, async () => {
    // A small demo (the same organisations and accounts) loaded before the first start: the full one took a minute.
    deployment = await createDeployment(kind, { demoSurvivors: 10 });
    const { env, dir } = deployment;
    const first = await startServerProcess(env);
    const sessions: { client: HttpClient; orgs: string[]; acknowledged: string[]; inFlight: string | null }[] = [];
    for (let i = 0; i < 4; i++) {
      const client = new HttpClient(first.url);
      const login = await client.request<{ organisations: { id: string }[] }>('POST', '/api/session', ADMIN);
      expect(login.status).toBe(200);
      sessions.push({
        client,
        orgs: login.json.organisations.map((o) => o.id),
        acknowledged: [],
        inFlight: null,
      });
    }
    expect(sessions[0]!.orgs.length).toBeGreaterThan(1);

    let stop = false;
    const loops = sessions.map(async (s, n) => {
      for (let i = n; !stop; i++) {
        const target = s.orgs[i % s.orgs.length]!;
        s.inFlight = target;
        try {
          const res = await s.client.request('PUT', '/api/session/organisation', { organisationId: target });
          if (res.status === 200) s.acknowledged.push(target);
        } catch {
          return; // the server died under this request: not acknowledged
        }
      }
    });
    // Kill once enough writes are acknowledged (a condition, not a clock: a loaded machine is just slower).
    const total = () => sessions.reduce((n, s) => n + s.acknowledged.length, 0);
    while (total() < ACKNOWLEDGED_BEFORE_KILL) await new Promise((r) => setTimeout(r, 10));
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    const acknowledged = total();
    expect(acknowledged).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    const second = await startServerProcess(env);
    try {
      for (const s of sessions) {
        s.client.baseUrl = second.url;
        const view = await s.client.request<{ currentOrganisationId: string }>('GET', '/api/session');
        expect(view.status).toBe(200);
        // The last acknowledged switch, or the one in flight when the server died (it may have committed).
        expect([s.acknowledged.at(-1), s.inFlight]).toContain(view.json.currentOrganisationId);
      }
    } finally {
      await second.kill('SIGTERM');
    }

    const database = await openDatabase(
      kind === 'postgresql' ? { url: env.DATABASE_URL } : { dataDir: join(dir, 'pglite') },
    );
    try {
      const { rows } = await database.pool.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.switch_organisation'`,
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(acknowledged);
      const chain = await verifyAuditLog({ database } as unknown as AppContext);
      expect(chain.ok).toBe(true);
    } finally {
      await database.close();
    }
  });
});

/**
 * Crash rounds under the exit-day mix (src/testing/crash-rounds.ts): registrations, screenings, referral transitions,
 * consular steps and evidence uploads run while the server is SIGKILLed at a random moment, three times; after each
 * restart every acknowledged registration, upload and transition reads back intact, and `refuge audit verify`
 * passes at the end. The server starts each time without repair. Heavier: `npm run bench:load -- --crash-rounds 10`.
 */
describe.each(['pglite', 'postgresql'] as const)('crash rounds under the exit-day mix on %s', (kind) => {
  it('loses no acknowledged write and needs no repair', { timeout: 900_000 }, async () => {
    const result = await runCrashRounds({ engine: kind, rounds: 3, demoSurvivors: 40 });
    expect(result.problems).toEqual([]);
    expect(result.rounds).toHaveLength(3);
    for (const round of result.rounds) expect(round.acknowledgedAfter).toBeGreaterThan(round.acknowledgedBefore);
    expect(result.ledger.registrations.length).toBeGreaterThan(0);
    expect(result.ledger.uploads.length).toBeGreaterThan(0);
    expect(result.ledger.transitions.size).toBeGreaterThan(0);
    expect(result.auditVerify).toMatch(/audit log intact/);
    // The embedded engine says at start what it cannot promise; PostgreSQL has nothing to warn about.
    if (kind === 'pglite') expect(result.startupWarnings.join('\n')).toMatch(/power loss/);
    else expect(result.startupWarnings).toEqual([]);
  });
});
