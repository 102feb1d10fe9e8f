import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from '../testing/test-harness.ts';
import { refuge } from '../testing/test-process.ts';

/** Every path under `dir` whose mode gives the group or others any access. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    if ((statSync(p).mode & 0o077) !== 0) found.push(p);
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(dir);
  return found;
}

describe('deployment on disk', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'refuge-deploy-'));
    dirs.push(d);
    return d;
  };
  const dbName = `refuge_nodir_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it(
    'starts on DATABASE_URL with no data directory: creates it 0700, keyring 0600 (was: ENOENT on keyring.json.tmp)',
    { timeout: 300_000 },
    async () => {
      const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const dataDir = join(tmp(), 'not', 'there', 'yet');
      const r = await refuge(['migrate'], { DATABASE_URL: testPostgresUrl(dbName), REFUGE_DATA_DIR: dataDir });
      expect(r.out).not.toMatch(/ENOENT/);
      expect(r.code).toBe(0);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'keyring.json')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dataDir, 'keyring.json.tmp'))).toBe(false);
    },
  );

  it(
    'keeps an embedded data directory to its owner: the directory 0700 and nothing inside open to group or others',
    { timeout: 300_000 },
    async () => {
      const dataDir = join(tmp(), 'data');
      expect((await refuge(['migrate'], { REFUGE_DATA_DIR: dataDir })).code).toBe(0);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(openToOthers(dataDir)).toEqual([]);
    },
  );
});
