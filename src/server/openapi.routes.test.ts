import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { operationId, PUBLIC_OPERATIONS } from './openapi.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

const operations = (spec: Spec) =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

describe('operation ids', () => {
  it('name the method and every path segment, so two routes never share one', () => {
    expect(operationId('GET', '/api/cases/:id/attachments/:attachmentId')).toBe(
      'getCasesByIdAttachmentsByAttachmentId',
    );
    expect(operationId('POST', '/api/monitoring/compounds.geojson')).toBe('postMonitoringCompoundsGeojson');
    expect(operationId('GET', '/api/cases')).not.toBe(operationId('POST', '/api/cases'));
  });
});

describe.each(DATABASE_KINDS)('the API description on %s', (kind) => {
  let t: TestServer;
  let spec: Spec;
  beforeAll(async () => {
    t = await createTestServer(kind);
    spec = (await t.anonymous().request('GET', '/api/openapi.json')).json as Spec;
  });
  afterAll(async () => {
    await t?.close();
  });

  // The description does not depend on the engine: lint it once.
  it.runIf(kind === DATABASE_KINDS[0])(
    'passes redocly lint with the recommended rules and no ignore file: no errors, no warnings',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'refuge-openapi-'));
      try {
        const file = join(dir, 'openapi.json');
        writeFileSync(file, JSON.stringify(spec));
        // redocly exits non-zero when it finds errors; the JSON report is what we assert on.
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--format', 'json', '--extends', 'recommended'],
          { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 },
        ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
        const report = JSON.parse(stdout) as {
          totals: { errors: number; warnings: number };
          problems: { ruleId: string; location: { pointer: string }[] }[];
        };
        expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`)).toEqual([]);
        expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('declares the session cookie on every non-public operation and the CSRF header on every state-changing one', () => {
    for (const { method, path, op } of operations(spec)) {
      const key = `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      if (PUBLIC_OPERATIONS.has(key)) {
        expect(op.security, key).toEqual([]);
        continue;
      }
      expect(op.security, key).toEqual([['GET'].includes(method) ? { session: [] } : { session: [], csrf: [] }]);
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['401', '403', '404']));
    }
  });

  it('keeps the list of public operations true: every other operation refuses an anonymous caller', async () => {
    const listed = new Set(
      operations(spec).map(({ method, path }) => `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    for (const key of PUBLIC_OPERATIONS) expect(listed.has(key), `${key} is public but not described`).toBe(true);
    const wrong: string[] = [];
    for (const { method, path } of operations(spec)) {
      const key = `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      if (PUBLIC_OPERATIONS.has(key)) continue;
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t
        .anonymous()
        .request(method as 'GET', url, ['GET', 'DELETE'].includes(method) ? undefined : {});
      // A body is validated before the handler asks for a session, so an empty one may get 400 first.
      const refused = res.status === 401 || (res.status === 400 && res.json?.invalidParams?.length > 0);
      if (!refused) wrong.push(`${key} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
