import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of docs/DESIGN.md, enforced: dependencies point one way.
 * core → nothing; contracts → core; db → core; services → core, contracts, db;
 * server → everything but web and cli; web → core and contracts only; cli → anything but web;
 * testing → anything, and only tests import it.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  contracts: ['core', 'contracts'],
  db: ['core', 'db'],
  services: ['core', 'contracts', 'db', 'services'],
  server: ['core', 'contracts', 'db', 'services', 'server'],
  web: ['core', 'contracts', 'web'],
  cli: ['core', 'contracts', 'db', 'services', 'server', 'cli'],
  // Test support (a real server behind the web app's fetch, factories): imported by tests only.
  testing: ['core', 'contracts', 'db', 'services', 'server', 'web', 'testing'],
};
const TEST_FILE = /\.test\.tsx?$/;
/** Tests may reach one layer further: db's integration tests drive the use cases built on it (sessions, audit). */
const TESTS_ALSO: Record<string, readonly string[]> = { db: ['services'] };

const root = new URL('.', import.meta.url).pathname;

/** Query-builder entry points (Kysely) and raw driver queries: only src/db may call them. */
const QUERY_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery|query)\(/g;
/** Modules that decide "may this actor do X": the matrix in core and the services' authorise helpers. */
const PERMISSION_DECISIONS = [/^core\/permissions\//, /^services\/(.+\/)?access\.service\.ts$/];

const withoutComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

describe('architecture', () => {
  it('keeps imports pointing one way between layers', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(root)) {
      const rel = relative(root, file);
      const layer = rel.split('/')[0]!;
      const allowed = ALLOWED[layer];
      if (!allowed) continue;
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(root, join(file, '..', match[1]!)).split('/')[0]!;
        if (target === 'testing' && layer !== 'testing') {
          if (!TEST_FILE.test(file)) violations.push(`${rel} imports test support ${match[1]}`);
          continue;
        }
        const allowedHere = TEST_FILE.test(file) ? [...allowed, ...(TESTS_ALSO[layer] ?? [])] : allowed;
        if (target in ALLOWED && !allowedHere.includes(target)) violations.push(`${rel} imports ${match[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps SQL in src/db: no other layer imports the sql tag or builds a query', () => {
    // Repositories (src/db/repositories) are the only place for queries; test support and tests may check raw SQL.
    const offenders: string[] = [];
    for (const file of sourceFiles(root)) {
      const rel = relative(root, file);
      const layer = rel.split('/')[0] ?? '';
      if (!(layer in ALLOWED) || layer === 'db' || layer === 'testing' || TEST_FILE.test(file)) continue;
      const source = withoutComments(readFileSync(file, 'utf8'));
      for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]kysely['"]/g)) {
        const values = m[1] ? [] : (m[2] ?? '').split(',').filter((s) => s.trim() && !/^\s*type\s/.test(s));
        if (values.length) offenders.push(`${rel} imports ${values.map((v) => v.trim()).join(', ')} from kysely`);
      }
      for (const m of source.matchAll(QUERY_CALL)) offenders.push(`${rel} calls ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('keeps authorisation in services: HTTP routes and the CLI never consult the permission matrix', () => {
    // Who may do what is decided by the use case (services/**/access.service.ts authorise, services/jobs.service.ts startJob…);
    // a route that checked roles itself would be a second copy of the rule, free to drift from the first.
    const offenders: string[] = [];
    for (const layer of ['server', 'cli']) {
      for (const file of sourceFiles(join(root, layer))) {
        if (TEST_FILE.test(file)) continue;
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
          const target = relative(root, join(file, '..', match[1] ?? ''));
          if (PERMISSION_DECISIONS.some((p) => p.test(target)))
            offenders.push(`${relative(root, file)} imports ${match[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps core free of I/O and ambient time or randomness', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'core'))) {
      if (/\.test\.ts$/.test(file)) continue;
      // Comments may mention what is forbidden; only code counts. Worker threads are allowed: they parallelise pure compute.
      const source = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      if (
        /from ['"]node:(fs|net|http|https|child_process|dgram)['"]|process\.env|Date\.now\(\)|Math\.random\(\)|new Date\(\)/.test(
          source,
        )
      )
        offenders.push(relative(root, file));
    }
    expect(offenders).toEqual([]);
  });
});
