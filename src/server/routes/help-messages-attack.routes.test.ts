import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../db/transaction.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { jobHandlers } from '../job-handlers.ts';

/**
 * Messages to a help request's contact (outbound_messages, 0026), attacked: staff of another organisation and roles of
 * the same organisation that do not work cases try to read a request's messages, or to make Refuge write to the
 * person's phone by changing a request that is not theirs. A foreign request answers exactly like a made-up id and
 * queues nothing; no answer to anyone but the organisation's case staff carries the contact, the person's name or the
 * text; the jobs that deliver carry neither.
 */

const CONTACT = '+84 90 731 5529';
const NAME = 'Đỗ Thị Ngọc Hân';
const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/, '');

describe.each(DATABASE_KINDS)('help messages under attack on %s', (kind) => {
  let t: TestServer;
  let staff: TestClient;
  let requestId: string;
  const outsiders: Record<string, TestClient> = {};
  const count = async (table: 'outbound_messages' | 'jobs') =>
    Number(
      (
        await asSystem(t.database, (trx) =>
          sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(table)}`.execute(trx),
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestServer(kind);
    staff = await t.userIn('ngo-help', 'caseworker');
    outsiders['admin of another NGO'] = await t.userIn('ngo-other', 'admin');
    outsiders['caseworker of another NGO'] = await t.userIn('ngo-other', 'caseworker');
    await t.org('emb-vn', 'embassy', ['VN']);
    outsiders['consular officer of an embassy'] = await t.userIn('emb-vn', 'consular_officer');
    outsiders['viewer of the same NGO'] = await t.userIn('ngo-help', 'viewer');
    outsiders['analyst of the same NGO'] = await t.userIn('ngo-help', 'analyst');
    outsiders.public = t.anonymous();
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/help-requests',
      remoteAddress: '10.9.0.1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        organisation: 'ngo-help',
        language: 'vi',
        name: NAME,
        contact: { channel: 'whatsapp', value: CONTACT },
        needs: ['shelter'],
      }),
    });
    expect(res.statusCode).toBe(201);
    const items = (await staff.request('GET', '/api/help-requests')).json.items as { id: string; name: string }[];
    requestId = items.find((i) => i.name === NAME)!.id;
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* deliver "received" through the log transport */
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("refuses to change another organisation's request exactly as a made-up one, and writes to nobody", async () => {
    const messages = await count('outbound_messages');
    const jobs = await count('jobs');
    const nowhere = randomUUID();
    for (const [who, c] of Object.entries(outsiders)) {
      for (const [method, path, body] of [
        ['PATCH', '', { status: 'will_contact' }],
        ['PUT', '/next-steps', { place: 'Bus station, gate 4', flightDate: '2026-03-04' }],
      ] as const) {
        const real = await c.request(method, `/api/help-requests/${requestId}${path}`, body);
        const made = await c.request(method, `/api/help-requests/${nowhere}${path}`, body);
        expect(real.status, `${who} ${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(`${real.status} ${withoutRequestId(real.body)}`, `${who} ${method} ${path}`).toBe(
          `${made.status} ${withoutRequestId(made.body)}`,
        );
      }
    }
    expect(await count('outbound_messages')).toBe(messages);
    expect(await count('jobs')).toBe(jobs);
  });

  it('shows the request, its contact and its messages to nobody but its own case staff', async () => {
    const own = await staff.request('GET', '/api/help-requests');
    expect(own.body).toContain(CONTACT);
    expect(own.json.items.find((i: { id: string }) => i.id === requestId).messages).toMatchObject([
      { reason: 'received', status: 'sent' },
    ]);
    for (const [who, c] of Object.entries(outsiders))
      for (const path of ['/api/help-requests', '/api/jobs', '/api/home', '/api/alerts']) {
        const res = await c.request('GET', path);
        expect(res.status, `${who} ${path}`).toBeLessThan(500);
        for (const secret of [CONTACT, '731 5529', NAME, requestId])
          expect(res.body, `${who} GET ${path}`).not.toContain(secret);
      }
  });

  it("keeps the contact and the text out of the delivering jobs, even in the organisation's own job list", async () => {
    const jobs = await asSystem(t.database, (trx) =>
      sql<{ row: string }>`SELECT j::text AS row FROM jobs j WHERE kind = 'help.message'`.execute(trx),
    );
    expect(jobs.rows.length).toBeGreaterThan(0);
    // The number written with or without its space: a bare '731' also turns up inside random ids and times.
    const number = /731\D?5529/;
    for (const { row } of jobs.rows) {
      expect(row).not.toMatch(number);
      expect(row).not.toContain(NAME);
    }
    const listed = await staff.request('GET', '/api/jobs');
    expect(listed.body).not.toMatch(number);
  });
});
