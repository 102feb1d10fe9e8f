import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { asSystem } from '../db/transaction.ts';
import { tablesInDependencyOrder } from '../services/data-transfer.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';

// Rows that a rejected request may legitimately leave behind: throttling counters, sessions
// refreshed by the auth hook, and the audit trail of failed sign-ins and rejected uploads.
const MAY_CHANGE = new Set(['rate_limits', 'sessions', 'users', 'audit_events']);
const REJECTION_AUDIT = ['auth.login_failed', 'auth.totp_failed', 'auth.locked', 'access.refused'];

async function snapshot(t: TestServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(t.database)) {
    if (MAY_CHANGE.has(table)) continue;
    counts[table] = Number(
      (
        await asSystem(t.database, (trx) =>
          sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx),
        )
      ).rows[0]!.n,
    );
  }
  counts.audit_events = Number(
    (
      await asSystem(t.database, (trx) =>
        sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM audit_events WHERE NOT (action = ANY(${REJECTION_AUDIT}))`.execute(trx),
      )
    ).rows[0]!.n,
  );
  return counts;
}

const garbage = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(
    fc.string({ maxLength: 12 }),
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
    ),
    { maxKeys: 6 },
  ),
  fc.string({ maxLength: 200 }),
);
const pathParam = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constant('..%2F..%2Fetc%2Fpasswd'),
  fc.constant('%00'),
);
const query = fc
  .dictionary(
    fc.constantFrom('limit', 'cursor', 'status', 'kind', 'everywhere', 'at', 'q', 'x'),
    fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)),
    { maxKeys: 4 },
  )
  .map((q) => new URLSearchParams(q).toString());

/**
 * Throws generated garbage at every endpoint in the OpenAPI description (so new endpoints are
 * covered as they are added): never a 5xx, and a rejected request writes nothing.
 */
describe.each(DATABASE_KINDS)('every endpoint survives garbage on %s', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestServer(kind);
    admin = await t.userIn('fuzz-ngo', 'admin', 'admin@fuzz.test');
    const spec = (await t.anonymous().request('GET', '/api/openapi.json')).json;
    routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, ':param') })),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the endpoints to test', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it('never answers 5xx and writes nothing when it rejects', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      // Signing out would end the session the rest of the run uses.
      if (route.method === 'DELETE' && route.path === '/api/session') continue;
      for (const who of ['admin', 'anonymous'] as const) {
        const client = who === 'admin' ? admin : t.anonymous();
        const before = await snapshot(t);
        let accepted = false;
        await fc.assert(
          fc.asyncProperty(pathParam, query, garbage, async (param, qs, body) => {
            const url = route.path.replace(/:param/g, param) + (qs ? `?${qs}` : '');
            const res = await client.request(
              route.method as 'GET',
              url,
              ['GET', 'DELETE'].includes(route.method) ? undefined : body,
            );
            if (res.status >= 500)
              failures.push(`${route.method} ${url} as ${who} → ${res.status} ${res.body.slice(0, 200)}`);
            if (res.status < 400) accepted = true;
            // 5xx answers are collected above so one run reports every route; a thrown error fails the test.
          }),
          { numRuns: 12, seed: 4242 },
        );
        if (!accepted && route.method !== 'GET') {
          const after = await snapshot(t);
          for (const [table, n] of Object.entries(after)) {
            if (before[table] !== n)
              failures.push(
                `${route.method} ${route.path} as ${who}: rejected requests changed ${table} (${before[table]} → ${n})`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
