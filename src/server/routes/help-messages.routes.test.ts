import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../core/help/translations/en.json' with { type: 'json' };
import fr from '../../core/help/translations/fr.json' with { type: 'json' };
import vi from '../../core/help/translations/vi.json' with { type: 'json' };
import { MESSAGE_MAX_ATTEMPTS } from '../../core/help/help-message.ts';
import { asActor } from '../../db/transaction.ts';
import { HELP_MESSAGE_JOB } from '../../services/help-messages.service.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import type { AppContext } from '../../services/context.ts';
import { logTransport, webhookTransport } from '../../services/message-transports.ts';
import { exportTables, importPages } from '../../services/data-transfer.service.ts';
import { DATABASE_KINDS, createTestDatabase, signedInActor } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { jobHandlers } from '../job-handlers.ts';

const SECRET = 'test-shared-secret-0123456789';

interface Received {
  headers: IncomingMessage['headers'];
  body: { to: string; channel: string; text: string; language: string; id: string };
}

/** A gateway on this machine: answers each POST with the next status in `answers` (then 200), and keeps what came. */
async function gateway(): Promise<{ url: string; received: Received[]; answers: number[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) as Received['body'] });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('gateway says: +84 90 000 0001');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Messages to a help request's contact (issue #15): queued with the change, sealed, delivered with retries. */
describe.each(DATABASE_KINDS)('messages to a help request’s contact on %s', (kind) => {
  let t: TestServer;
  let staff: TestClient;
  let otherStaff: TestClient;
  let address = 0;
  const logged: string[] = [];
  let logApp: AppContext;

  const submit = async (extra: Record<string, unknown> = {}) => {
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/help-requests',
      remoteAddress: `10.1.0.${++address}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        organisation: 'ngo-msg',
        language: 'vi',
        name: 'Lê Thị Hoa',
        contact: { channel: 'whatsapp', value: '+84 90 000 0001' },
        needs: ['shelter'],
        ...extra,
      }),
    });
    expect(res.statusCode).toBe(201);
    return String(res.json().code);
  };
  type Item = { id: string; name: string | null; messages: Record<string, unknown>[] };
  const queue = async () => (await staff.request('GET', '/api/help-requests')).json.items as Item[];
  const byName = async (name: string) => (await queue()).find((i) => i.name === name)!;
  const drain = async (app: AppContext) => {
    const runner = new JobRunner(app, jobHandlers);
    while (await runner.runOnce()) {
      /* next job */
    }
  };
  /** What the database holds, as its owner reads it (no row-level security, no decryption). */
  const rawMessages = async () =>
    (await sql<Record<string, unknown>>`SELECT * FROM outbound_messages`.execute(t.database.db)).rows;
  /** The clock moves on: every queued retry is due now. */
  const retriesDue = async () => {
    await sql`UPDATE outbound_messages SET next_attempt_at = now() WHERE status = 'queued'`.execute(t.database.db);
    await sql`UPDATE jobs SET run_after = now() WHERE kind = ${HELP_MESSAGE_JOB} AND status = 'queued'`.execute(
      t.database.db,
    );
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    staff = await t.userIn('ngo-msg', 'caseworker');
    otherStaff = await t.userIn('ngo-msg-elsewhere', 'admin');
    logApp = { ...t.app, messages: logTransport((line) => logged.push(line)) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues "received" in the person’s language on submit, sealed at rest; the log transport marks it sent', async () => {
    await submit({ name: 'Lê Thị Hoa' });
    const item = await byName('Lê Thị Hoa');
    expect(item.messages).toMatchObject([{ reason: 'received', status: 'queued', attempts: 0, sentAt: null }]);
    // Staff see delivery, not the text.
    expect(Object.keys(item.messages[0]!).sort()).toEqual(
      ['attempts', 'createdAt', 'id', 'lastError', 'nextAttemptAt', 'reason', 'sentAt', 'status'].sort(),
    );

    const raw = JSON.stringify(await rawMessages());
    expect(raw).not.toContain('+84');
    expect(raw).not.toContain('whatsapp');
    expect(raw).not.toContain(vi.status.received);
    expect(raw).toContain('"envelope_enc"');

    await drain(logApp);
    expect((await byName('Lê Thị Hoa')).messages).toMatchObject([{ status: 'sent', attempts: 1 }]);
    const line = logged.find((l) => l.includes(String(item.messages[0]!.id)));
    expect(line).toContain('whatsapp');
    expect(line).not.toContain('+84');
    expect(line).not.toContain(vi.status.received);
  });

  it('a status or next-steps change queues one message; the same change again (a retry) queues none', async () => {
    await submit({ name: 'Phạm Văn Nam' });
    const { id } = await byName('Phạm Văn Nam');
    for (let i = 0; i < 2; i++)
      expect((await staff.request('PATCH', `/api/help-requests/${id}`, { status: 'will_contact' })).status).toBe(200);
    const steps = { place: 'Văn phòng Lantern, Mae Sot', flightDate: '2026-03-04' };
    for (let i = 0; i < 2; i++)
      expect((await staff.request('PUT', `/api/help-requests/${id}/next-steps`, steps)).status).toBe(200);
    // Spam reads "received" to them: nothing new to say, nothing sent.
    expect((await staff.request('PATCH', `/api/help-requests/${id}`, { status: 'spam' })).status).toBe(200);
    expect((await byName('Phạm Văn Nam')).messages.map((m) => m.reason)).toEqual(['received', 'status', 'next_steps']);
    const raw = JSON.stringify(await rawMessages());
    expect(raw).not.toContain('Mae Sot');
    expect(raw).not.toContain('2026-03-04');
    expect(raw).not.toContain(vi.status.will_contact);
  });

  it('a person who gave no contact, or whose request was flagged as spam, gets nothing queued', async () => {
    const before = (await rawMessages()).length;
    await submit({ name: 'Không liên lạc', contact: undefined });
    await submit({ name: 'Flagged', message: 'see http://a.example and http://b.example' });
    const quiet = await byName('Không liên lạc');
    const flagged = await byName('Flagged');
    expect((await staff.request('PATCH', `/api/help-requests/${quiet.id}`, { status: 'closed' })).status).toBe(200);
    expect((await rawMessages()).length).toBe(before);
    expect(quiet.messages).toEqual([]);
    expect(flagged.messages).toEqual([]);
    // Staff who judge it real move it out of spam: now the person hears "received".
    expect((await staff.request('PATCH', `/api/help-requests/${flagged.id}`, { status: 'received' })).status).toBe(200);
    expect((await byName('Flagged')).messages).toMatchObject([{ reason: 'status', status: 'queued' }]);
  });

  it('another organisation sees none of the messages, and staff cannot read the sealed envelope', async () => {
    const orgId = await t.org('ngo-msg');
    const otherId = await t.org('ngo-msg-elsewhere');
    expect((await otherStaff.request('GET', '/api/help-requests')).json.items).toEqual([]);
    const own = await signedInActor(t.app, orgId, ['caseworker']);
    const other = await signedInActor(t.app, otherId, ['admin']);
    const countAs = (actor: typeof own) =>
      asActor(t.database, actor, async (trx) =>
        Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbound_messages`.execute(trx)).rows[0]!.n),
      );
    expect(await countAs(own)).toBeGreaterThan(0);
    expect(await countAs(other)).toBe(0);
    await expect(
      asActor(t.database, own, (trx) => sql`SELECT envelope_enc FROM outbound_messages`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    // Nor can it queue a message for this organisation's request.
    const { id } = (await queue())[0]!;
    await expect(
      asActor(t.database, other, (trx) =>
        sql`INSERT INTO outbound_messages(id, organisation_id, help_request_id, reason, language, envelope_enc,
          created_at) VALUES (gen_random_uuid(), ${otherId}, ${id}, 'status', 'en', 'x', now())`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('a webhook gets the JSON with the shared secret; a 500 is tried again later, then sent once', async () => {
    await drain(logApp); // everything queued so far is sent through the log
    const gw = await gateway();
    try {
      const webhookApp = { ...t.app, messages: webhookTransport({ url: gw.url, secret: SECRET, timeoutMs: 5000 }) };
      await submit({ name: 'Marie Dubois', language: 'fr', contact: { channel: 'phone', value: '+33 6 00 00 00 01' } });
      const { id } = await byName('Marie Dubois');
      await staff.request('PUT', `/api/help-requests/${id}/next-steps`, { place: 'Gare routière', flightDate: null });

      gw.answers.push(500);
      await drain(webhookApp);
      // Both messages tried once: the first got a 500 and waits for its next try, the second went.
      expect(gw.received).toHaveLength(2);
      let messages = (await byName('Marie Dubois')).messages;
      expect(messages).toMatchObject([
        { reason: 'received', status: 'queued', attempts: 1, lastError: 'the gateway answered HTTP 500' },
        { reason: 'next_steps', status: 'sent', attempts: 1, lastError: null },
      ]);
      expect(Date.parse(String(messages[0]!.nextAttemptAt))).toBeGreaterThan(Date.now() + 10_000);
      // Not due yet: another pass sends nothing.
      await drain(webhookApp);
      expect(gw.received).toHaveLength(2);

      await retriesDue();
      await drain(webhookApp);
      expect(gw.received).toHaveLength(3);
      messages = (await byName('Marie Dubois')).messages;
      expect(messages).toMatchObject([
        { reason: 'received', status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null },
        { reason: 'next_steps', status: 'sent' },
      ]);

      const [first, second, retry] = gw.received;
      expect(first!.body).toEqual({
        to: '+33 6 00 00 00 01',
        channel: 'phone',
        text: fr.status.received,
        language: 'fr',
        id: messages[0]!.id,
      });
      expect(second!.body.text).toBe(
        `${fr.status.received}\n${fr.contactMessage.place.replace('{place}', 'Gare routière')}`,
      );
      expect(retry!.body).toEqual(first!.body);
      for (const r of gw.received) {
        expect(r.headers.authorization).toBe(`Bearer ${SECRET}`);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['idempotency-key']).toBe(r.body.id);
        // Never the private code, never the person's name or what they wrote.
        expect(r.body.text).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}|Marie|Dubois/);
      }
      // What the gateway answered is not kept anywhere.
      expect(JSON.stringify(await rawMessages())).not.toContain('gateway says');

      // A delivery job for a message already sent (queued twice) sends nothing.
      await sql`INSERT INTO jobs(id, kind, payload, organisation_id) VALUES (gen_random_uuid(), ${HELP_MESSAGE_JOB},
        ${JSON.stringify({ messageId: messages[0]!.id })}::jsonb, ${await t.org('ngo-msg')})`.execute(t.database.db);
      await drain(webhookApp);
      expect(gw.received).toHaveLength(3);
    } finally {
      await gw.close();
    }
  });

  it('a message the gateway keeps refusing is marked failed after the last try', async () => {
    await drain(logApp);
    const gw = await gateway();
    try {
      const webhookApp = { ...t.app, messages: webhookTransport({ url: gw.url, secret: SECRET, timeoutMs: 5000 }) };
      await submit({ name: 'Refused', language: 'en' });
      gw.answers.push(...Array.from({ length: MESSAGE_MAX_ATTEMPTS }, () => 503));
      for (let i = 0; i < MESSAGE_MAX_ATTEMPTS; i++) {
        await drain(webhookApp);
        await retriesDue();
      }
      expect(gw.received).toHaveLength(MESSAGE_MAX_ATTEMPTS);
      expect(gw.received[0]!.body.text).toBe(en.status.received);
      expect((await byName('Refused')).messages).toMatchObject([
        { status: 'failed', attempts: MESSAGE_MAX_ATTEMPTS, lastError: 'the gateway answered HTTP 503' },
      ]);
      await drain(webhookApp);
      expect(gw.received).toHaveLength(MESSAGE_MAX_ATTEMPTS);
    } finally {
      await gw.close();
    }
  });

  it('a backup or copy of the database carries the messages (restored in order, serial moved on)', async () => {
    const target = await createTestDatabase('pglite');
    try {
      const counts = await importPages(target, exportTables(t.database));
      expect(counts.outbound_messages).toBe((await rawMessages()).length);
      const seqs = async (db: typeof target) =>
        (await sql<{ seq: string }>`SELECT seq FROM outbound_messages ORDER BY seq`.execute(db.db)).rows.map((r) =>
          Number(r.seq),
        );
      expect(await seqs(target)).toEqual(await seqs(t.database));
      const next = await sql<{ n: string }>`SELECT nextval('outbound_messages_seq_seq') AS n`.execute(target.db);
      expect(Number(next.rows[0]!.n)).toBeGreaterThan(Math.max(...(await seqs(target))));
    } finally {
      await target.close();
    }
  });
});
