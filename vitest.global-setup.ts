import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import ts from 'typescript';
import { migrate } from './src/db/migrate.ts';

const ROOT = import.meta.dirname;
// The compiled CLI the process tests start. tsc rewrites every output on each build, so its time is the last build's,
// whoever ran it (`npm run build:server` in pretest, `npm start`, or this file).
const COMPILED_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/**
 * The newest modification time of what `npm run build:server` compiles: the sources tsc itself lists for
 * tsconfig.build.json (so its include and exclude are the only list), and every JSON file under src (imported
 * data; a web app's JSON counted too costs at most a needless build).
 */
function newestServerSource(): number {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const json = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? json(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  return Math.max(0, ...[...parsed.fileNames, ...json(join(ROOT, 'src'))].map((f) => statSync(f).mtimeMs));
}

/**
 * Tests that start `refuge` as its own process (src/testing/test-process.ts) run the compiled server, as `npm start`
 * does: through tsx every start cost about twice the CPU (~5 s), and the suite starts dozens. Rebuilt here whenever a
 * source is newer than the last build, so a test never runs yesterday's code.
 */
function buildServer(): void {
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  const built = existsSync(COMPILED_CLI) ? statSync(COMPILED_CLI).mtimeMs : 0;
  if (built > Math.max(newestServerSource(), ...configs)) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

/** Migrates one PGlite database and dumps it, so each test suite loads it in ~0.5 s instead of ~5 s. */
export default async function setup(): Promise<() => void> {
  buildServer();
  process.env.REFUGE_TEST_COMPILED_CLI = COMPILED_CLI;
  const dir = mkdtempSync(join(tmpdir(), 'refuge-test-'));
  // On disk as well as dumped: tests that start `refuge` on a fresh embedded deployment copy the directory
  // (src/testing/test-process.ts) instead of having every process run PGlite's initdb (~5 s).
  const dataDir = join(dir, 'pglite-migrated');
  const pglite = await PGlite.create(dataDir);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  await migrate(pool);
  const dump = await pglite.dumpDataDir('none');
  await pool.end();
  await pglite.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.REFUGE_TEST_PGLITE_TEMPLATE = file;
  process.env.REFUGE_TEST_PGLITE_DATADIR = dataDir;
  // Where tests may keep what the whole run shares (e2e/harness.ts: the browser tests' demo), removed at the end.
  process.env.REFUGE_TEST_RUN_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
