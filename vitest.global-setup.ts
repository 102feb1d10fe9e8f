import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrate } from './src/db/migrate.ts';

const ROOT = import.meta.dirname;
const SERVER_BUILD_STAMP = join(ROOT, 'dist', '.server-build');

/** The newest modification time of what `npm run build:server` compiles (src without web, testing and tests). */
function newestServerSource(dir = join(ROOT, 'src')): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== join(ROOT, 'src', 'web') && path !== join(ROOT, 'src', 'testing'))
        newest = Math.max(newest, newestServerSource(path));
    } else if (/\.(ts|json)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * Tests that start `refuge` as its own process (src/testing/test-process.ts) run the compiled server, as `npm start`
 * does: through tsx every start cost about twice the CPU (~5 s), and the suite starts dozens. Rebuilt here whenever a
 * source is newer than the last build, so a test never runs yesterday's code.
 */
function buildServer(): void {
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  const built = existsSync(SERVER_BUILD_STAMP) ? statSync(SERVER_BUILD_STAMP).mtimeMs : 0;
  if (built > Math.max(newestServerSource(), ...configs)) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  writeFileSync(SERVER_BUILD_STAMP, '');
}

/** Migrates one PGlite database and dumps it, so each test suite loads it in ~0.5 s instead of ~5 s. */
export default async function setup(): Promise<() => void> {
  buildServer();
  process.env.REFUGE_TEST_COMPILED_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  const dir = mkdtempSync(join(tmpdir(), 'refuge-test-'));
  const pglite = await PGlite.create();
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  await migrate(pool);
  const dump = await pglite.dumpDataDir('none');
  await pool.end();
  await pglite.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.REFUGE_TEST_PGLITE_TEMPLATE = file;
  // Where tests may keep what the whole run shares (e2e/harness.ts: the browser tests' demo), removed at the end.
  process.env.REFUGE_TEST_RUN_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
