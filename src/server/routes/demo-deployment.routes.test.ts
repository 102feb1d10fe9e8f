import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../core/demo/index.ts';
import { ORGANISATION_KINDS } from '../../core/vocabulary.ts';
import { createOrganisation } from '../../services/accounts.service.ts';
import { verifyAuditLog } from '../../services/audit-verification.service.ts';
import { loadDemo } from '../../services/demo/load.ts';
import { purgeDemo } from '../../services/demo/purge.ts';
import { DEMO_DEPLOYMENT_REFUSAL } from '../../services/deployment.service.ts';
import { createTestServer, type TestServer } from '../../testing/test-server.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function demoSignIn(t: TestServer, email = DEMO_ADMIN_EMAIL) {
  return t.anonymous().request('POST', '/api/session', { email, password: DEMO_PASSWORD });
}

/** Every table of the schema, except the append-only audit log (kept, see purge.ts) and migration bookkeeping. */
async function tables(t: TestServer): Promise<string[]> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(trx),
  );
  return rows.map((r) => r.t).filter((n) => n !== 'audit_events' && n !== 'schema_migrations');
}

describe.each(DATABASE_KINDS)('a demo deployment is never a production deployment, on %s', (kind) => {
  let t: TestServer;
  let demoIds: string[];
  let demoBlob: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await loadDemo(t.app, { seed: 11, survivors: 60 });
    demoIds = await asSystem(t.database, async (trx) => [
      ...(await trx.selectFrom('organisations').select('id').where('is_demo', '=', true).execute()).map((r) => r.id),
      ...(await trx.selectFrom('users').select('id').where('is_demo', '=', true).execute()).map((r) => r.id),
    ]);
    // A file attached by a demo caseworker: the purge must remove its bytes too.
    const cw = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('cases as c')
        .innerJoin('memberships as m', 'm.organisation_id', 'c.organisation_id')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.email', 'c.id as caseId', 'c.organisation_id as org'])
        .where('u.is_demo', '=', true)
        .where('m.role', '=', 'caseworker')
        .executeTakeFirstOrThrow(),
    );
    const client = await t.signIn(cw.email, DEMO_PASSWORD);
    await client.request('PUT', '/api/session/organisation', { organisationId: cw.org });
    const attached = await client.request('POST', `/api/cases/${cw.caseId}/attachments`, {
      fileName: 'scan.png',
      contentType: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    expect(attached.status).toBe(201);
    demoBlob = attached.json.sha256;
    expect(await t.app.blobs.has(demoBlob)).toBe(true);
    // The demo load publishes a first public release as the demo coordination organisation: purged with it.
    const releases = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('public_releases as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .select(['r.seq', 'o.kind', 'o.is_demo'])
        .execute(),
    );
    expect(releases).toEqual([{ seq: 1, kind: 'coordination', is_demo: true }]);
    const published = await t.anonymous().request('GET', '/api/public/statistics');
    expect(published.json.release.seq).toBe(1);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('publishes demo sign-ins and lets demo accounts in only while the deployment is a demo', async () => {
    const demo = await t.anonymous().request('GET', '/api/demo');
    expect(demo.status).toBe(200);
    expect(demo.json.password).toBe(DEMO_PASSWORD);
    // The all-round administrator, then one of each organisation kind's own staff (the demo has every kind).
    const accounts = demo.json.accounts as { email: string; kind: string; allRound: boolean }[];
    expect(accounts[0]?.email).toBe(DEMO_ADMIN_EMAIL);
    expect(accounts.map((a) => a.allRound)).toEqual([true, ...ORGANISATION_KINDS.map(() => false)]);
    expect(accounts.slice(1).map((a) => a.kind)).toEqual([...ORGANISATION_KINDS]);
    expect(accounts.slice(1).every((a) => a.email !== DEMO_ADMIN_EMAIL)).toBe(true);
    expect((await demoSignIn(t)).status).toBe(200);
  });

  it('refuses to create a real organisation in a demo deployment (the CLI `org create` calls the same service)', async () => {
    await expect(
      createOrganisation(t.app, { slug: 'real-shelter', name: 'Real Shelter', kind: 'shelter' }),
    ).rejects.toThrow(DEMO_DEPLOYMENT_REFUSAL);
    const real = await asSystem(t.database, (trx) =>
      trx.selectFrom('organisations').select('id').where('is_demo', '=', false).execute(),
    );
    expect(real).toEqual([]);
  });

  it('`demo purge` leaves no demo row in any table, no demo file, no /api/demo and no demo sign-in, and records a summary', async () => {
    const report = await purgeDemo(t.app);
    expect(report.previousMode).toBe('demo');
    expect(report.removed.organisations).toBeGreaterThan(0);
    expect(report.removed.users).toBeGreaterThan(0);
    expect(report.removed.survivors).toBe(60);
    expect(report.files).toBeGreaterThanOrEqual(1);

    const ids = new RegExp(demoIds.join('|'));
    const leftovers: string[] = [];
    for (const table of await tables(t)) {
      const rows = await asSystem(t.database, (trx) =>
        sql<{
          r: string;
          demo: boolean | null;
        }>`SELECT x::text AS r, ${sql.raw(`to_jsonb(x) ? 'is_demo' AND (to_jsonb(x)->>'is_demo')::boolean`)} AS demo FROM ${sql.table(table)} x`.execute(
          trx,
        ),
      );
      for (const row of rows.rows) if (row.demo || ids.test(row.r)) leftovers.push(`${table}: ${row.r.slice(0, 120)}`);
    }
    expect(leftovers).toEqual([]);
    expect(await t.app.blobs.has(demoBlob)).toBe(false);

    const demo = await t.anonymous().request('GET', '/api/demo');
    expect(demo.status).toBe(404);
    expect(demo.body).not.toContain(DEMO_PASSWORD);
    expect((await demoSignIn(t)).status).toBe(401);

    const purgeEvent = await asSystem(t.database, (trx) =>
      trx.selectFrom('audit_events').select(['details']).where('action', '=', 'demo.purge').executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(purgeEvent.details)).toContain('"survivors":60');
    expect((await verifyAuditLog(t.app)).ok).toBe(true);
  });

  it('is then a production deployment: real organisations can be created and the demo cannot come back', async () => {
    await createOrganisation(t.app, { slug: 'real-shelter', name: 'Real Shelter', kind: 'shelter' });
    await expect(loadDemo(t.app, { seed: 11, survivors: 10 })).rejects.toThrow(/production deployment/);
    expect((await t.anonymous().request('GET', '/api/demo')).status).toBe(404);
  });
});

describe.each(DATABASE_KINDS)('a database that already mixes demo and real organisations, on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await loadDemo(t.app, { seed: 12, survivors: 20 });
    // What main allowed before: a real shelter created beside the demo. Migration 0008 classifies such a database as
    // production.
    await asSystem(t.database, async (trx) => {
      await sql`INSERT INTO organisations(id, slug, name, kind) VALUES (gen_random_uuid(), 'harbour-house', 'Harbour House', 'shelter')`.execute(
        trx,
      );
      await sql`UPDATE deployment SET mode = CASE WHEN EXISTS (SELECT 1 FROM organisations WHERE NOT is_demo) THEN 'production' ELSE 'demo' END`.execute(
        trx,
      );
    });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('(the exact reproduction: restarted with REFUGE_DEMO=0) serves no demo passwords and refuses demo sign-in with the answer an unknown account gets', async () => {
    const demo = await t.anonymous().request('GET', '/api/demo');
    expect(demo.status).toBe(404);
    expect(demo.body).not.toContain(DEMO_PASSWORD);
    const demoLogin = await demoSignIn(t);
    const unknown = await t
      .anonymous()
      .request('POST', '/api/session', { email: 'no-such-person@demo.refuge.example', password: DEMO_PASSWORD });
    expect(demoLogin.status).toBe(401);
    expect({ ...demoLogin.json, requestId: null }).toEqual({ ...unknown.json, requestId: null });
  });

  it('purges the demo rows and keeps the real organisation', async () => {
    await purgeDemo(t.app);
    const orgs = await asSystem(t.database, (trx) =>
      trx.selectFrom('organisations').select(['slug', 'is_demo']).execute(),
    );
    expect(orgs).toEqual([{ slug: 'harbour-house', is_demo: false }]);
  });
});
