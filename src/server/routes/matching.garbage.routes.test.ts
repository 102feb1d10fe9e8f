import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { checkAcrossOrganisations, checkSurvivorForDuplicates } from '../../services/matching/check.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';

// A refused request for a resource is audited by design (access.refused); nothing else may be written.
const REFUSALS_EXCLUDED = sql`WHERE action <> 'access.refused'`;
const TABLES = ['match_proposals', 'link_requests', 'alerts', 'jobs', 'audit_events'];

async function counts(t: TestServer): Promise<string> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<
      Record<string, number>
    >`SELECT ${sql.join(TABLES.map((tb) => sql`(SELECT count(*) FROM ${sql.table(tb)} ${tb === 'audit_events' ? REFUSALS_EXCLUDED : sql``})::int AS ${sql.ref(tb)}`))},
    (SELECT string_agg(status, ',' ORDER BY id) FROM match_proposals) AS statuses, (SELECT string_agg(state, ',' ORDER BY id) FROM link_requests) AS states`.execute(
      trx,
    ),
  );
  return JSON.stringify(rows[0]);
}

const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('accepted', 'confirm', 'undo', 'revoked'),
);

function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    junk,
    ...(keys.length ? [fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => ({ ...valid, [k]: v }))] : []),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 8 }), junk)
      .filter(([k]) => !keys.includes(k))
      .map(([k, v]) => ({ ...valid, [k]: v })),
  );
}

describe.each(DATABASE_KINDS)('matching endpoints under generated bad input on %s', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestServer(kind);
    admin = await t.userIn('ngo-g', 'admin');
    const other = await t.userIn('ngo-h', 'caseworker');
    const body = {
      names: [{ value: 'Aung Kyaw Moe', preferred: true }],
      nationalities: ['MM'],
      dateOfBirth: '1993-04-05',
      contacts: [{ channel: 'phone', value: '+95 9 420 111 222' }],
      consent: consent({ crossOrganisationMatching: true }),
    };
    const mine = await register(admin, body);
    const twin = await register(admin, { ...body, names: [{ value: 'AUNG KYAW MOE', preferred: true }] });
    t.app.advance(60_000); // ngo-g's records come first: it holds the cross-organisation pair and decides it
    const theirs = await register(other, { ...body, contacts: [{ channel: 'phone', value: '09 420 111 222' }] });
    await checkSurvivorForDuplicates(t.app, null, twin.survivorId);
    await checkAcrossOrganisations(t.app, theirs.survivorId);
    const items = (await admin.request('GET', `/api/matching/survivors/${mine.survivorId}/proposals`)).json.items as {
      id: string;
      sameOrganisation: boolean;
      link: { id: string } | null;
    }[];
    const same = items.find((i) => i.sameOrganisation)!.id;
    const crossItem = items.find((i) => !i.sameOrganisation)!;
    const cross = crossItem.id;
    const link = crossItem.link!.id;
    ids = { survivor: mine.survivorId, same, cross, link };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 4xx (never 5xx) and writes nothing for every rejected request', async () => {
    const endpoints: { method: 'POST' | 'PATCH'; url: () => string; valid: Record<string, unknown> }[] = [
      { method: 'PATCH', url: () => `/api/matching/proposals/${ids.same}`, valid: { decision: 'confirm' } },
      {
        method: 'PATCH',
        url: () => `/api/matching/link-requests/${ids.link}`,
        valid: { state: 'declined', reason: 'no' },
      },
      { method: 'POST', url: () => `/api/matching/survivors/${ids.survivor}/check`, valid: {} },
      { method: 'POST', url: () => '/api/matching/dedupe', valid: {} },
    ];
    const failures: string[] = [];
    for (const e of endpoints) {
      await fc.assert(
        fc.asyncProperty(mutated(e.valid), fc.boolean(), async (body, badPath) => {
          const url = badPath ? e.url().replace(/[0-9a-f-]{36}/, 'not-a-uuid') : e.url();
          const before = await counts(t);
          const res = await admin.request(e.method, url, body);
          if (res.status >= 500)
            failures.push(`${e.method} ${url} ${JSON.stringify(body).slice(0, 120)} → ${res.status}`);
          if (res.status >= 400 && (await counts(t)) !== before)
            failures.push(`${e.method} ${url} rejected (${res.status}) but wrote rows`);
          if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: 12, seed: 2026 },
      );
    }
    for (const url of ['/api/matching/proposals', `/api/matching/survivors/${ids.survivor}/proposals`]) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'scope', 'x'), fc.string({ maxLength: 30 }), {
            maxKeys: 3,
          }),
          async (q) => {
            const res = await admin.request('GET', `${url}?${new URLSearchParams(q)}`);
            if (res.status >= 500) failures.push(`GET ${url}?${new URLSearchParams(q)} → ${res.status}`);
          },
        ),
        { numRuns: 20, seed: 7 },
      );
    }
    expect(failures).toEqual([]);
  });
});
