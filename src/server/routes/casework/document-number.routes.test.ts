import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { tablesInDependencyOrder } from '../../../services/data-transfer.service.ts';
import { JobRunner } from '../../../services/jobs.service.ts';
import { buildServer } from '../../app.ts';
import { jobHandlers } from '../../job-handlers.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

/**
 * The survivor's own passport or ID number (sealed in the identity envelope) attacked from every audience that must
 * not learn it: another NGO, a clinic that holds a referral for her, the embassy of her nationality when she did not
 * consent to it, another nationality's embassy, a monitor, a role of her own organisation that reads no cases (viewer, analyst) and the public. None
 * may read it, and none may learn that it exists (a search by the number answers exactly like a made-up number). The
 * number is in no table in clear, and no request log line.
 */

// Each number's digits are unique to this file, so a hit anywhere is this number and nothing else.
const CONSENTED = 'X4827193'; // Ratna: consented to her embassy (ID) and the clinic
const UNCONSENTED = 'Q5038261'; // Wulan: ID national, consented to nothing
const MADE_UP = 'Z9182736';
const SECRETS = [/4827193/, /5038261/, /6049275/, /4\D?8\D?2\D?7\D?1\D?9\D?3/, /5\D?0\D?3\D?8\D?2\D?6\D?1/];
const FLIGHT = { date: '2026-03-01', flightNumber: 'QZ 273' };

const WULANS = SECRETS.filter((s) => s.source.startsWith('5'));
const noNumber = (where: string, text: string, secrets = SECRETS) => {
  for (const s of secrets) expect(text, `${where} shows a document number`).not.toMatch(s);
};
const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/, '');

describe.each(DATABASE_KINDS)('the survivor’s document number on %s', (kind) => {
  let t: TestServer;
  let owner: TestClient;
  let consulId: TestClient;
  const attackers: Record<string, TestClient> = {};
  let ratna: { survivorId: string; caseId: string };
  let wulan: { survivorId: string; caseId: string };
  let referralId: string;

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('ngo-a');
    await t.org('ngo-b');
    const clinicId = await t.org('clinic-c', 'clinic');
    await t.org('emb-id', 'embassy', ['ID']);
    await t.org('emb-th', 'embassy', ['TH']);
    await t.org('watch', 'monitor');
    owner = await t.userIn('ngo-a', 'caseworker');
    consulId = await t.userIn('emb-id', 'consular_officer');
    attackers['caseworker of another NGO'] = await t.userIn('ngo-b', 'caseworker');
    attackers['admin of another NGO'] = await t.userIn('ngo-b', 'admin');
    attackers['medic of the clinic with a referral'] = await t.userIn('clinic-c', 'medic');
    attackers["another nationality's consular officer"] = await t.userIn('emb-th', 'consular_officer');
    attackers['analyst of a monitor'] = await t.userIn('watch', 'analyst');
    // A medic of her own NGO reads its cases by the permission table (issue #10); these roles do not.
    attackers['analyst of her own NGO'] = await t.userIn('ngo-a', 'analyst');
    attackers['viewer of her own NGO'] = await t.userIn('ngo-a', 'viewer');
    attackers.public = t.anonymous();
    ratna = await register(owner, {
      names: [{ value: 'Ratna Sari', script: 'Latn', preferred: true }],
      documentStatus: 'held',
      documentNumber: CONSENTED,
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId], useInStatistics: true }),
    });
    wulan = await register(owner, {
      names: [{ value: 'Wulan Dari', script: 'Latn', preferred: true }],
      documentStatus: 'held',
      documentNumber: UNCONSENTED,
      consent: consent({ useInStatistics: true, crossOrganisationMatching: true }),
    });
    const referral = await owner.request('POST', '/api/referrals', {
      caseId: ratna.caseId,
      toOrganisationId: clinicId,
    });
    expect(referral.status).toBe(201);
    referralId = referral.json.id;
    const booked = await consulId.request('PATCH', `/api/consular/cases/${ratna.caseId}`, { flight: FLIGHT });
    expect(booked.status).toBe(200);
    // A trafficker at another NGO asks for Wulan by her number, as "family" (tracing stays blind).
    const tracing = await attackers['caseworker of another NGO']!.request('POST', '/api/tracing/requests', {
      requesterKind: 'family',
      consentBasis: 'requester_verbal',
      requester: { name: 'An uncle', relationship: 'uncle' },
      sought: { names: ['Wulan Dari'], nationalities: ['ID'], documentNumber: UNCONSENTED },
    });
    expect(tracing.status, tracing.body).toBe(201);
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* the duplicate checks and the tracing search, as the system runs them */
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is shown to the owner and to her consenting embassy, and found by both', async () => {
    expect((await owner.request('GET', `/api/cases/${ratna.caseId}`)).json.survivor.documentNumber).toBe(CONSENTED);
    expect((await consulId.request('GET', `/api/cases/${ratna.caseId}`)).json.survivor.documentNumber).toBe(CONSENTED);
    for (const c of [owner, consulId]) {
      const found = await c.request('GET', `/api/cases?q=${CONSENTED}`);
      expect(found.json.items.map((i: { id: string }) => i.id)).toEqual([ratna.caseId]);
    }
    const manifest = await consulId.request('GET', `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`);
    expect(manifest.body).toContain(CONSENTED);
  });

  it('answers a search by a number held elsewhere exactly as a made-up number, for every other audience', async () => {
    const audiences: [string, TestClient, string[]][] = [
      ...Object.entries(attackers).map(([who, c]): [string, TestClient, string[]] => [
        who,
        c,
        [CONSENTED, UNCONSENTED],
      ]),
      // Her embassy did not get Wulan's consent: her number is no more findable there than a made-up one.
      ['her embassy, without her consent', consulId, [UNCONSENTED]],
    ];
    for (const [who, c, numbers] of audiences)
      for (const path of ['/api/cases?q=', '/api/consular/queue?q=', '/api/triage?q=']) {
        const miss = await c.request('GET', `${path}${MADE_UP}`);
        expect(miss.status, `${who} ${path}`).toBeLessThan(500);
        for (const n of numbers) {
          for (const written of [n, n.toLowerCase(), `${n.slice(0, 3)} ${n.slice(3)}`]) {
            const res = await c.request('GET', `${path}${encodeURIComponent(written)}`);
            expect(`${res.status} ${withoutRequestId(res.body)}`, `${who} searching ${path}${written}`).toBe(
              `${miss.status} ${withoutRequestId(miss.body)}`,
            );
          }
        }
      }
  });

  it('reaches no other audience through any read, list, export or manifest', async () => {
    const reads = [
      `/api/cases/${ratna.caseId}`,
      `/api/cases/${wulan.caseId}`,
      `/api/cases/${ratna.caseId}/timeline`,
      `/api/survivors/${ratna.survivorId}/consent`,
      `/api/referrals/${referralId}`,
      '/api/referrals',
      '/api/cases',
      '/api/triage',
      '/api/consular/queue',
      `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`,
      '/api/exports/cases?format=csv',
      '/api/exports/deidentified_cases?format=csv',
      '/api/exports/figures?format=csv',
      '/api/tracing/requests',
      '/api/tracing/proposals',
      `/api/matching/survivors/${wulan.survivorId}/proposals`,
      '/api/alerts',
      '/api/home',
      '/api/reports/dashboard',
      '/api/public/statistics',
      '/api/jobs',
    ];
    // Every other read without an id in its path, from the OpenAPI description: a new list or report is attacked too.
    const spec = (await t.anonymous().request('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const lists = Object.entries(spec.paths)
      .filter(([path, ops]) => 'get' in ops && !path.includes('{') && !reads.some((r) => r.split('?')[0] === path))
      .map(([path]) => path);
    expect(lists.length).toBeGreaterThan(20);
    reads.push(...lists);
    const audiences: [string, TestClient, RegExp[]][] = [
      ...Object.entries(attackers).map(([who, c]): [string, TestClient, RegExp[]] => [who, c, SECRETS]),
      // The consenting embassy may see Ratna's number, never Wulan's.
      ['her embassy, without her consent', consulId, WULANS],
    ];
    for (const [who, c, secrets] of audiences)
      for (const path of reads) {
        const res = await c.request('GET', path);
        expect(res.status, `${who} GET ${path}`).toBeLessThan(500);
        // The tracing request's own view shows its author the number it typed: that is the author's input.
        const body = path === '/api/tracing/requests' ? res.body.replaceAll(UNCONSENTED, '') : res.body;
        noNumber(`${who} GET ${path}`, body, secrets);
      }
  });

  it('leaves the consenting embassy’s manifest and views once she withdraws that consent', async () => {
    const changed = await owner.request(
      'PUT',
      `/api/survivors/${ratna.survivorId}/consent`,
      consent({ shareWithOrganisationIds: [await t.org('clinic-c')], useInStatistics: true }),
    );
    expect(changed.status, changed.body).toBe(200);
    for (const path of [
      `/api/cases/${ratna.caseId}`,
      '/api/consular/queue',
      `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`,
      `/api/cases?q=${CONSENTED}`,
    ])
      noNumber(`her former embassy GET ${path}`, (await consulId.request('GET', path)).body);
    const gone = await consulId.request('GET', `/api/cases?q=${CONSENTED}`);
    const miss = await consulId.request('GET', `/api/cases?q=${MADE_UP}`);
    expect(withoutRequestId(gone.body)).toBe(withoutRequestId(miss.body));
  });

  it("keeps a dual national's number from the embassy of the nationality she did not consent to", async () => {
    const DUAL = 'K6049275';
    const consulTh = attackers["another nationality's consular officer"]!;
    const dual = await register(owner, {
      names: [{ value: 'Malee Sari', script: 'Latn', preferred: true }],
      nationalities: ['ID', 'TH'],
      documentStatus: 'held',
      documentNumber: DUAL,
      consent: consent({ shareWithOwnEmbassy: true, embassyNationalities: ['ID'] }),
    });
    expect((await consulId.request('GET', `/api/cases/${dual.caseId}`)).json.survivor.documentNumber).toBe(DUAL);
    const made = await consulTh.request('GET', `/api/cases/${randomUUID()}`);
    const real = await consulTh.request('GET', `/api/cases/${dual.caseId}`);
    expect(`${real.status} ${withoutRequestId(real.body)}`).toBe(`${made.status} ${withoutRequestId(made.body)}`);
    for (const path of ['/api/cases?q=', '/api/consular/queue?q=']) {
      const found = await consulTh.request('GET', `${path}${DUAL}`);
      const miss = await consulTh.request('GET', `${path}${MADE_UP}`);
      expect(withoutRequestId(found.body), path).toBe(withoutRequestId(miss.body));
    }
    for (const path of ['/api/cases', '/api/consular/queue', '/api/triage'])
      expect((await consulTh.request('GET', path)).body, path).not.toContain('6049275');
  });

  it('is stored in no table in clear (audit, jobs, tracing, idempotency, custody, everything)', async () => {
    const tables = await tablesInDependencyOrder(t.database);
    const hits: string[] = [];
    await asSystem(t.database, async (trx) => {
      for (const table of tables) {
        const { rows } = await sql<{ row: string }>`SELECT x::text AS row FROM ${sql.table(table)} x`.execute(trx);
        for (const r of rows) for (const s of SECRETS) if (s.test(r.row)) hits.push(`${table}: ${r.row.slice(0, 160)}`);
      }
    });
    expect(tables.length).toBeGreaterThan(30);
    expect(hits).toEqual([]);
  });

  it('is not written to the request log, even when searched for', async () => {
    const lines: string[] = [];
    const logged = await buildServer(
      { app: t.app, version: 'test', secureCookies: false, trustProxyHops: 0, webRoot: null },
      { logger: true, logStream: { write: (line) => void lines.push(line) } },
    );
    try {
      await logged.ready();
      for (const url of [`/api/cases?q=${CONSENTED}`, `/api/cases?q=${encodeURIComponent('Ratna Sari')}`]) {
        const res = await logged.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await logged.close();
    }
    expect(lines.join('\n')).toContain('/api/cases');
    noNumber('the request log', lines.join('\n'));
    expect(lines.join('\n')).not.toMatch(/Ratna/);
  });
});
