import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from '../testing/test-harness.ts';
import { refuge, seedEmbeddedDatabase } from '../testing/test-process.ts';

describe('the refuge command', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'refuge-cli-'));
    dirs.push(d);
    return d;
  };
  const dbName = `refuge_copy_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it(
    'loads the demo, backs it up, restores it elsewhere, copies it into PostgreSQL, verifies the audit chain in each',
    { timeout: 300_000 },
    async () => {
      const source = tmp();
      seedEmbeddedDatabase(source);
      const key = randomBytes(32).toString('base64');
      // Like the encryption key, the audit signing key travels with a restore or copy.
      const auditKey = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'der' })
        .toString('base64');
      const env = { REFUGE_DATA_DIR: source, REFUGE_SECRET_KEY: key, REFUGE_AUDIT_SIGNING_KEY: auditKey };
      const demo = await refuge(['demo', 'load', '--survivors', '60'], env);
      expect(demo.out).toMatch(/loaded in/);
      // A demo deployment refuses real organisations (issue #8 §2), with a reason the operator can act on.
      const realOrg = await refuge(
        ['org', 'create', '--slug', 'harbour-ngo', '--name', 'Harbour NGO', '--kind', 'ngo'],
        env,
      );
      expect(realOrg.code).not.toBe(0);
      expect(realOrg.out).toMatch(/demo deployment.*refuge demo purge/s);
      const badOrg = await refuge(['org', 'create', '--slug', 'x', '--name', 'X', '--kind', 'pirate'], env);
      expect(badOrg.code).not.toBe(0);
      expect(badOrg.out).toMatch(/kind must be one of/);
      expect(
        (
          await refuge(['user', 'create', '--email', 'new@harbour.test', '--name', 'New'], {
            ...env,
            REFUGE_NEW_PASSWORD: 'a long enough password',
          })
        ).code,
      ).toBe(0);

      const backup = join(tmp(), 'backup.ndjson.gz');
      const b = await refuge(['backup', '--out', backup], env);
      expect(b.code).toBe(0);
      expect(statSync(backup).mode & 0o077).toBe(0);
      expect(readFileSync(backup).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

      const restored = tmp();
      const r = await refuge(['restore', '--from', backup], {
        REFUGE_DATA_DIR: restored,
        REFUGE_SECRET_KEY: key,
        REFUGE_AUDIT_SIGNING_KEY: auditKey,
      });
      expect(r.out).toMatch(/restored \d+ rows; audit log intact/);
      expect(
        (
          await refuge(['restore', '--from', backup], {
            REFUGE_DATA_DIR: restored,
            REFUGE_SECRET_KEY: key,
            REFUGE_AUDIT_SIGNING_KEY: auditKey,
          })
        ).out,
      ).toMatch(/already holds data/);

      const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const copy = await refuge(['db', 'copy', '--to', testPostgresUrl(dbName)], env);
      expect(copy.out).toMatch(/counts match; audit log intact/);
      const target = new pg.Pool({ connectionString: testPostgresUrl(dbName), max: 1 });
      const { rows } = await target.query('SELECT count(*)::int AS n FROM survivors');
      await target.end();
      expect(rows[0].n).toBe(60);

      const copyEnv = {
        DATABASE_URL: testPostgresUrl(dbName),
        REFUGE_SECRET_KEY: key,
        REFUGE_DATA_DIR: source,
        REFUGE_AUDIT_SIGNING_KEY: auditKey,
      };
      const verified = await refuge(['audit', 'verify'], copyEnv);
      expect(verified.out).toMatch(/audit log intact/);
      // A checkpoint kept apart, then the owner deletes the newest entries of the copy: verify names it and exits 2.
      const kept = join(tmp(), 'kept.json');
      writeFileSync(kept, (await refuge(['audit', 'checkpoint'], copyEnv)).out);
      expect((await refuge(['audit', 'verify', '--checkpoint', kept], copyEnv)).out).toMatch(
        /audit log intact: .*extends the checkpoint/,
      );
      const owner = new pg.Pool({ connectionString: testPostgresUrl(dbName), max: 1 });
      await owner.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await owner.query('ALTER TABLE audit_tree_heads DISABLE TRIGGER USER');
      await owner.query('DELETE FROM audit_events WHERE leaf_index >= (SELECT max(leaf_index) - 1 FROM audit_events)');
      await owner.query('DELETE FROM audit_tree_heads');
      await owner.end();
      const tampered = await refuge(['audit', 'verify', '--checkpoint', kept], copyEnv);
      expect(tampered.code).toBe(2);
      expect(tampered.out).toMatch(/audit log BROKEN.*newest entries were deleted/);
    },
  );

  it(
    'rotates the generated key of an embedded deployment and still reads everything',
    { timeout: 300_000 },
    async () => {
      const dir = tmp();
      seedEmbeddedDatabase(dir);
      await refuge(['demo', 'load', '--survivors', '50'], { REFUGE_DATA_DIR: dir });
      const before = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')).keys[0].kid;
      expect(statSync(join(dir, 'keyring.json')).mode & 0o077).toBe(0);
      const rotated = await refuge(['keys', 'rotate'], { REFUGE_DATA_DIR: dir });
      expect(rotated.out).toMatch(/survivors\.identity_enc: 50 re-encrypted/);
      const after = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')).keys;
      expect(after).toHaveLength(1);
      expect(after[0].kid).not.toBe(before);
      const backup = join(dir, 'b.gz');
      expect((await refuge(['backup', '--out', backup], { REFUGE_DATA_DIR: dir })).code).toBe(0);
      expect((await refuge(['audit', 'verify'], { REFUGE_DATA_DIR: dir })).out).toMatch(/intact/);
    },
  );
});
