import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register, survivorBody } from '../../../testing/casework-fixtures.ts';

// A refused request for a resource is audited by design (access.refused); nothing else may be written.
const REFUSALS_EXCLUDED = sql`WHERE action <> 'access.refused'`;
const TABLES = [
  'survivors',
  'cases',
  'consent_versions',
  'case_events',
  'case_notes',
  'case_attachments',
  'screenings',
  'needs',
  'referrals',
  'consular_records',
  'follow_ups',
  'alerts',
  'blobs',
  'audit_events',
];

/** Every row count that a casework write could change, in one statement. */
async function counts(t: TestServer): Promise<string> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<
      Record<string, number>
    >`SELECT ${sql.join(TABLES.map((tb) => sql`(SELECT count(*) FROM ${sql.table(tb)} ${tb === 'audit_events' ? REFUSALS_EXCLUDED : sql``})::int AS ${sql.ref(tb)}`))}`.execute(
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
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** A valid body with one field replaced by junk, removed, or an unknown field added — or pure junk. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    junk,
    fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const c = { ...valid };
      delete c[k];
      return c;
    }),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 8 }), junk)
      .filter(([k]) => !keys.includes(k))
      .map(([k, v]) => ({ ...valid, [k]: v })),
  );
}

describe.each(DATABASE_KINDS)('casework endpoints under generated bad input on %s', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let consul: TestClient;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestServer(kind);
    const clinic = await t.org('clinic-g', 'clinic');
    await t.org('emb-g', 'embassy', ['ID']);
    admin = await t.userIn('ngo-g', 'admin');
    consul = await t.userIn('emb-g', 'consular_officer');
    const { survivorId, caseId } = await register(admin, {
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinic] }),
    });
    const need = (await admin.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' })).json
      .id;
    const referral = (await admin.request('POST', '/api/referrals', { caseId, toOrganisationId: clinic })).json.id;
    const followUp = (await admin.request('GET', `/api/cases/${caseId}`)).json.followUps[0].id;
    ids = { survivorId, caseId, need, referral, followUp, clinic };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 4xx (never 5xx) and writes nothing for every rejected request', async () => {
    const endpoints: {
      method: 'POST' | 'PUT' | 'PATCH';
      url: () => string;
      valid: Record<string, unknown>;
      client?: () => TestClient;
    }[] = [
      { method: 'POST', url: () => '/api/survivors', valid: survivorBody({ documentNumber: 'C1234567' }) },
      {
        method: 'PUT',
        url: () => `/api/survivors/${ids.survivorId}/consent`,
        valid: consent({ useInStatistics: true }),
      },
      { method: 'PATCH', url: () => `/api/cases/${ids.caseId}/status`, valid: { status: 'closed', reason: 'x' } },
      { method: 'PATCH', url: () => `/api/cases/${ids.caseId}/risk`, valid: { riskLevel: 'low', reason: 'y' } },
      { method: 'PATCH', url: () => `/api/cases/${ids.caseId}/assignment`, valid: { assignedTo: null } },
      { method: 'POST', url: () => `/api/cases/${ids.caseId}/notes`, valid: { body: 'note' } },
      {
        method: 'POST',
        url: () => `/api/cases/${ids.caseId}/attachments`,
        valid: { fileName: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('hello').toString('base64') },
      },
      {
        method: 'PUT',
        url: () => `/api/cases/${ids.caseId}/screening`,
        valid: { answers: { deception: { answer: 'yes' } } },
      },
      { method: 'POST', url: () => `/api/cases/${ids.caseId}/needs`, valid: { kind: 'food', priority: 'low' } },
      { method: 'PATCH', url: () => `/api/needs/${ids.need}`, valid: { status: 'in_progress' } },
      {
        method: 'POST',
        url: () => '/api/referrals',
        valid: { caseId: ids.caseId, toOrganisationId: ids.clinic, needIds: [ids.need] },
      },
      { method: 'PATCH', url: () => `/api/referrals/${ids.referral}`, valid: { state: 'revoked', reason: 'z' } },
      {
        method: 'PATCH',
        url: () => `/api/consular/cases/${ids.caseId}`,
        valid: { exitClearance: 'paid' },
        client: () => consul,
      },
      {
        method: 'POST',
        url: () => '/api/consular/flights',
        valid: { caseIds: [ids.caseId], flight: { date: '2026-03-01', flightNumber: 'QZ 1' } },
        client: () => consul,
      },
      { method: 'POST', url: () => `/api/followups/${ids.followUp}/checkins`, valid: { outcome: 'reached' } },
      { method: 'PATCH', url: () => `/api/alerts/${ids.caseId}`, valid: { status: 'dismissed' } },
    ];
    const failures: string[] = [];
    for (const e of endpoints) {
      await fc.assert(
        fc.asyncProperty(mutated(e.valid), fc.boolean(), async (body, badPath) => {
          const url = badPath ? e.url().replace(/[0-9a-f-]{36}/, 'not-a-uuid') : e.url();
          const before = await counts(t);
          const res = await (e.client?.() ?? admin).request(e.method, url, body);
          if (res.status >= 500)
            failures.push(`${e.method} ${url} ${JSON.stringify(body).slice(0, 120)} → ${res.status}`);
          if (res.status >= 400 && (await counts(t)) !== before)
            failures.push(`${e.method} ${url} rejected (${res.status}) but wrote rows`);
          if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: 14, seed: 2026 },
      );
    }
    for (const url of [
      '/api/cases',
      '/api/triage',
      '/api/referrals',
      '/api/consular/queue',
      '/api/followups/due',
      '/api/alerts',
    ]) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(
              'limit',
              'cursor',
              'status',
              'risk',
              'kind',
              'nationality',
              'ageBand',
              'locationKind',
              'direction',
              'before',
              'assignedTo',
            ),
            fc.string({ maxLength: 30 }),
            { maxKeys: 4 },
          ),
          async (q) => {
            const res = await (url.startsWith('/api/consular') ? consul : admin).request(
              'GET',
              `${url}?${new URLSearchParams(q)}`,
            );
            if (res.status >= 500) failures.push(`GET ${url}?${new URLSearchParams(q)} → ${res.status}`);
          },
        ),
        { numRuns: 20, seed: 7 },
      );
    }
    expect(failures).toEqual([]);
  });
});
