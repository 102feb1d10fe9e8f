import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { HELP_LIMITS } from '../../services/help-requests.service.ts';

/** The public help page's API (issue #15): lands encrypted in one organisation's queue, reveals nothing else. */
describe.each(DATABASE_KINDS)('help requests on %s', (kind) => {
  let t: TestServer;
  let staff: TestClient;
  let otherStaff: TestClient;
  let address = 0;

  /** Each test speaks from its own address unless it gives one, so the per-address limit is tested on purpose only. */
  const post = async (url: string, body: unknown, ip = `10.0.0.${++address}`, cookie?: string) => {
    const res = await t.server.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, json: res.json(), headers: res.headers };
  };
  const ask = (extra: Record<string, unknown> = {}) => ({
    organisation: 'ngo-help',
    language: 'vi',
    name: 'Nguyễn Thị Mai',
    nationality: 'Việt Nam',
    contact: { channel: 'whatsapp', value: '+84 90 000 0001' },
    needs: ['shelter', 'medical'],
    location: 'bến xe Mộc Bài',
    message: 'Tôi không có hộ chiếu',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestServer(kind);
    staff = await t.userIn('ngo-help', 'caseworker');
    otherStaff = await t.userIn('ngo-elsewhere', 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lands in the organisation’s queue unverified, encrypted at rest, and answers only with a code', async () => {
    const res = await post('/api/help-requests', ask());
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(['code']);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(res.json)).not.toContain('Mai');
    const raw = await t.database.db.selectFrom('help_requests').selectAll().execute();
    expect(JSON.stringify(raw)).not.toMatch(/Nguyễn|Mộc Bài|\+84|hộ chiếu/);
    expect(JSON.stringify(raw)).not.toContain(res.json.code);

    const queue = await staff.request('GET', '/api/help-requests');
    expect(queue.status).toBe(200);
    expect(queue.json.items).toHaveLength(1);
    expect(queue.json.items[0]).toMatchObject({
      name: 'Nguyễn Thị Mai',
      language: 'vi',
      status: 'received',
      verified: false,
      needs: ['shelter', 'medical'],
    });
    // Another organisation's staff sees none of it.
    expect((await otherStaff.request('GET', '/api/help-requests')).json.items).toEqual([]);
    const id = queue.json.items[0].id;
    expect((await otherStaff.request('PATCH', `/api/help-requests/${id}`, { status: 'closed' })).status).toBe(404);

    // The person follows it with the code (typed in lower case, without dashes).
    const code = String(res.json.code);
    const seen = await post('/api/help-requests/status', { code: code.toLowerCase().replace(/-/g, '') });
    expect(seen).toMatchObject({ status: 200, json: { status: 'received' } });
    expect((await staff.request('PATCH', `/api/help-requests/${id}`, { status: 'will_contact' })).status).toBe(200);
    expect((await post('/api/help-requests/status', { code })).json).toEqual({ status: 'will_contact' });
  });

  it('a wrong or malformed code gets the same 404 whatever exists, and nothing about anyone', async () => {
    const wrong = await post('/api/help-requests/status', { code: 'ABCD-EFGH-JKMN' });
    const malformed = await post('/api/help-requests/status', { code: 'Nguyễn Thị Mai' });
    expect(wrong.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(wrong.json.detail).toBe(malformed.json.detail);
  });

  it('an unknown organisation is a 404; oversize, unknown fields and bad languages are 4xx and store nothing', async () => {
    const before = (await t.database.db.selectFrom('help_requests').select('id').execute()).length;
    expect((await post('/api/help-requests', ask({ organisation: 'no-such-org' }))).status).toBe(404);
    expect((await post('/api/help-requests', ask({ message: 'x'.repeat(2001) }))).status).toBe(400);
    expect((await post('/api/help-requests', ask({ language: 'xx' }))).status).toBe(400);
    expect((await post('/api/help-requests', ask({ survivorId: 'abc' }))).status).toBe(400);
    expect((await post('/api/help-requests', ask({ location: 'y'.repeat(9000) }))).status).toBe(413);
    expect((await t.database.db.selectFrom('help_requests').select('id').execute()).length).toBe(before);
  });

  it('a filled honeypot gets a code like anyone and nothing is kept; links are kept but flagged as spam', async () => {
    const before = (await t.database.db.selectFrom('help_requests').select('id').execute()).length;
    const bot = await post('/api/help-requests', ask({ website: 'http://spam.example' }));
    expect(bot.status).toBe(201);
    expect(bot.json.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await t.database.db.selectFrom('help_requests').select('id').execute()).length).toBe(before);
    const linky = await post('/api/help-requests', ask({ message: 'see http://a.example and http://b.example' }));
    expect(linky.status).toBe(201);
    const items = (await staff.request('GET', '/api/help-requests')).json.items as {
      status: string;
      message: string;
    }[];
    const flagged = items.filter((i) => i.status === 'spam');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ spamSignals: ['links'], message: 'see http://a.example and http://b.example' });
    // The person is never told "spam".
    expect((await post('/api/help-requests/status', { code: linky.json.code })).json).toEqual({ status: 'received' });
  });

  it('one address is limited per hour (429 with Retry-After), another address is not', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < HELP_LIMITS.perAddress.hits; i++)
      expect((await post('/api/help-requests', ask({ needs: ['food'] }), ip)).status).toBe(201);
    const limited = await post('/api/help-requests', ask(), ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post('/api/help-requests', ask())).status).toBe(201);
  });

  it('works from a browser that is signed in too (no CSRF token asked), and the queue needs sign-in', async () => {
    expect((await post('/api/help-requests', ask(), undefined, staff.cookie)).status).toBe(201);
    expect((await t.anonymous().request('GET', '/api/help-requests')).status).toBe(401);
  });
});
