import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { asActor, asSystem } from './transaction.ts';
import { insertCases, insertSurvivors, type SurvivorInsert } from './repositories/survivors.repository.ts';
import { encryptionContext } from './encrypted-columns.ts';
import { FieldCipher } from './encryption.ts';
import { Keyring, generateKey } from './keyring.ts';
import { createOrganisation } from '../services/accounts.service.ts';
import { audit, sealAudit } from '../services/audit.service.ts';
import { verifyAuditLog } from '../services/audit-verification.service.ts';
import { rotateEncryption } from '../services/keys.service.ts';
import { readFileBytes, storeFile } from '../services/files.service.ts';
import type { AppContext } from '../services/context.ts';

function survivor(app: AppContext, organisationId: string, name: string): SurvivorInsert {
  const id = app.newId();
  return {
    id,
    organisationId,
    registeredBy: null,
    registeredAt: app.now().toISOString(),
    identityEnc: app.cipher.encryptJson(
      { names: [{ value: name }] },
      encryptionContext('survivors', 'identity_enc', id),
    ),
    locationEnc: null,
    sex: 'male',
    ageBand: '25_34',
    nationalities: ['ID'],
    languages: ['id'],
    documentStatus: 'confiscated',
    locationKind: 'unknown',
    locationOrganisationId: null,
    compoundRef: null,
    exitMode: 'released',
    exitDate: null,
    consentOwnEmbassy: true,
    consentOrganisationIds: [],
    consentStatistics: true,
    isDemo: false,
  };
}

describe.each(DATABASE_KINDS)('foundation on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let orgA: string, orgB: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database);
    orgA = (await createOrganisation(app, { slug: 'ngo-a', name: 'NGO A', kind: 'ngo' })).id;
    orgB = (await createOrganisation(app, { slug: 'ngo-b', name: 'NGO B', kind: 'ngo' })).id;
    await asSystem(database, async (trx) => {
      const rows = [survivor(app, orgA, 'A one'), survivor(app, orgA, 'A two'), survivor(app, orgB, 'B one')];
      await insertSurvivors(trx, rows);
      await insertCases(
        trx,
        rows.map((s) => ({
          id: app.newId(),
          survivorId: s.id,
          organisationId: s.organisationId,
          status: 'open',
          riskLevel: 'medium',
          assignedTo: null,
          openedAt: s.registeredAt,
        })),
      );
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('has applied every migration, and running them again changes nothing', async () => {
    const { rows } = await database.pool.query('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(database.pool)).toEqual([]);
  });

  it('refuses a migration whose text changed after it was applied', async () => {
    await database.pool.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE name = '0001_foundation'`);
    await expect(migrate(database.pool)).rejects.toThrow(/edited after it was applied/);
    const { createHash } = await import('node:crypto');
    await database.pool.query(`UPDATE schema_migrations SET checksum = $1 WHERE name = '0001_foundation'`, [
      createHash('sha256').update(migrations[0]!.sql).digest('hex'),
    ]);
  });

  it('row-level security limits each organisation to its own survivors and cases', async () => {
    const seenByA = await asActor(database, await signedInActor(app, orgA), (trx) =>
      trx.selectFrom('survivors').select('organisation_id').execute(),
    );
    const seenByB = await asActor(database, await signedInActor(app, orgB), (trx) =>
      trx.selectFrom('cases').select('organisation_id').execute(),
    );
    expect(seenByA).toHaveLength(2);
    expect(seenByA.every((r) => r.organisation_id === orgA)).toBe(true);
    expect(seenByB.map((r) => r.organisation_id)).toEqual([orgB]);
  });

  it('a raw query as the app role, bypassing every service, still cannot read another organisation', async () => {
    const b = await signedInActor(app, orgB);
    const client = await database.requestPool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('role', 'refuge_app', true), set_config('refuge.session_token', $1, true)`,
        [b.sessionToken],
      );
      // The old way in: claim organisation A outright. Settings are no longer read; B's session decides.
      await client.query(`SELECT set_config('refuge.org_id', $1, true), set_config('refuge.user_id', $2, true)`, [
        orgA,
        app.newId(),
      ]);
      const visible = await client.query('SELECT organisation_id FROM survivors');
      expect(visible.rows.map((r) => r.organisation_id)).toEqual([orgB]);
      const forged = await client.query('SELECT count(*)::int AS n FROM survivors WHERE organisation_id = $1', [orgA]);
      expect(forged.rows[0].n).toBe(0);
      await expect(client.query('UPDATE survivors SET organisation_id = $1', [orgA])).rejects.toThrow(
        /row-level security/,
      );
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', 'refuge_app', true)`);
      await client.query(`SELECT set_config('refuge.org_id', $1, true)`, [orgA]);
      const none = await client.query('SELECT count(*)::int AS n FROM survivors');
      expect(none.rows[0].n).toBe(0); // no session token: nothing at all
      await expect(client.query('SELECT * FROM sessions')).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('the app role cannot write into another organisation', async () => {
    await expect(
      asActor(database, await signedInActor(app, orgA), (trx) =>
        insertSurvivors(trx, [survivor(app, orgB, 'smuggled')]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the audit log verifiable and refuses in-place edits (tampering: src/db/audit-log.db.test.ts)', async () => {
    await asSystem(database, async (trx) => {
      for (let i = 0; i < 5; i++) await audit(trx, app, null, 'test.event', 'thing', `t${i}`, { i });
    });
    await sealAudit(app);
    const intact = await verifyAuditLog(app);
    expect(intact.firstProblem).toBeNull();
    expect(intact.checked).toBeGreaterThanOrEqual(7);
    await expect(asSystem(database, (trx) => sql`UPDATE audit_events SET action = 'x'`.execute(trx))).rejects.toThrow(
      /append-only/,
    );
    await expect(asSystem(database, (trx) => sql`TRUNCATE audit_events`.execute(trx))).rejects.toThrow(/append-only/);
  });

  it('stores identifying fields only as ciphertext and rotates keys without losing a value', async () => {
    const { rows } = await database.pool.query('SELECT id, identity_enc FROM survivors');
    for (const r of rows) {
      expect(r.identity_enc).toMatch(/^v1\.testkey1\./);
      expect(r.identity_enc).not.toMatch(/one|two/);
    }
    const before = rows
      .map(
        (r) =>
          app.cipher.decryptJson<{ names: { value: string }[] }>(
            r.identity_enc,
            encryptionContext('survivors', 'identity_enc', r.id),
          ).names[0]!.value,
      )
      .sort();
    const file = await asSystem(database, (trx) => storeFile(app, trx, Buffer.from('passport scan'), 'text/plain'));
    const fresh = generateKey();
    const rotated = {
      ...app,
      cipher: new FieldCipher(new Keyring([fresh, ...(app.cipher as unknown as { keyring: Keyring }).keyring.keys])),
    };
    const report = await rotateEncryption(rotated);
    expect(report.find((r) => r.column === 'survivors.identity_enc')?.rewritten).toBe(3);
    const after = await database.pool.query('SELECT id, identity_enc FROM survivors');
    const onlyNew = { ...app, cipher: new FieldCipher(new Keyring([fresh])) };
    const names = after.rows
      .map(
        (r) =>
          onlyNew.cipher.decryptJson<{ names: { value: string }[] }>(
            r.identity_enc,
            encryptionContext('survivors', 'identity_enc', r.id),
          ).names[0]!.value,
      )
      .sort();
    expect(names).toEqual(before);
    const read = await asSystem(database, (trx) => readFileBytes(onlyNew, trx, file.sha256));
    expect(read.bytes.toString()).toBe('passport scan');
    // A ciphertext moved to another row does not open.
    expect(() =>
      onlyNew.cipher.decrypt(
        after.rows[0].identity_enc,
        encryptionContext('survivors', 'identity_enc', after.rows[1].id),
      ),
    ).toThrow();
  });
});
