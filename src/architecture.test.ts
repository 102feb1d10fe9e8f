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
