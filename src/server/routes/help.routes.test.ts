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
    expect((await post('/api/help-requests/status', { code })).json).toEqual({
      status: 'will_contact',
      place: null,
      flightDate: null,
    });
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
    // The person is never told "spam", nor given next steps set on a request marked so.
    const spamId = (flagged[0] as unknown as { id: string }).id;
    const steps = { place: 'Office, 12 Road', flightDate: '2026-03-01' };
    expect((await staff.request('PUT', `/api/help-requests/${spamId}/next-steps`, steps)).status).toBe(200);
    expect((await post('/api/help-requests/status', { code: linky.json.code })).json).toEqual({
      status: 'received',
      place: null,
      flightDate: null,
    });
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

  it('the code holder sees where to go and the flight date the organisation set, and nothing else', async () => {
    const res = await post('/api/help-requests', ask({ name: 'Trần Văn Bình' }));
    const code = String(res.json.code);
    const id = ((await staff.request('GET', '/api/help-requests')).json.items as { id: string; name: string }[]).find(
      (i) => i.name === 'Trần Văn Bình',
    )!.id;
    const steps = { place: 'Văn phòng Lantern, 12 đường Asia, Mae Sot, 9 giờ sáng', flightDate: '2026-03-04' };
    const set = await staff.request('PUT', `/api/help-requests/${id}/next-steps`, steps);
    expect(set).toMatchObject({ status: 200, json: steps });
    await staff.request('PATCH', `/api/help-requests/${id}`, { status: 'will_contact' });

    const seen = await post('/api/help-requests/status', { code });
    expect(seen.json).toEqual({ status: 'will_contact', ...steps });
    // Nothing the person wrote comes back, nor anything about the organisation's other requests.
    expect(JSON.stringify(seen.json)).not.toMatch(/Trần|Mộc Bài|\+84|Nguyễn/);
    // Sealed at rest like the request itself.
    const raw = JSON.stringify(await t.database.db.selectFrom('help_requests').selectAll().execute());
    expect(raw).not.toContain('Mae Sot');
    expect(raw).not.toContain('2026-03-04');
    // The staff queue shows what was said.
    const item = (await staff.request('GET', '/api/help-requests')).json.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject(steps);

    // Another organisation cannot set or change them (404), and its attempt changes nothing.
    const foreign = await otherStaff.request('PUT', `/api/help-requests/${id}/next-steps`, {
      place: 'Somewhere else',
      flightDate: null,
    });
    expect(foreign.status).toBe(404);
    expect((await post('/api/help-requests/status', { code })).json).toEqual({ status: 'will_contact', ...steps });
    // A step can be cleared; a malformed date or an unknown field is refused.
    const cleared = await staff.request('PUT', `/api/help-requests/${id}/next-steps`, { ...steps, flightDate: null });
    expect(cleared.status).toBe(200);
    expect((await post('/api/help-requests/status', { code })).json.flightDate).toBeNull();
    for (const bad of [
      { ...steps, flightDate: '4 March' },
      { ...steps, name: 'x' },
      { place: 'x'.repeat(301), flightDate: null },
    ])
      expect((await staff.request('PUT', `/api/help-requests/${id}/next-steps`, bad)).status).toBe(400);
    expect((await t.anonymous().request('PUT', `/api/help-requests/${id}/next-steps`, steps)).status).toBe(401);
  });

  it('status look-ups are limited per address before the code is read: a right code is refused too, then', async () => {
    const { code } = (await post('/api/help-requests', ask())).json as { code: string };
    const ip = '10.8.8.8';
    for (let i = 0; i < HELP_LIMITS.lookupsPerAddress.hits; i++)
      expect(
        (await post('/api/help-requests/status', { code: `WRNG-${String(i).padStart(4, '0')}-0000` }, ip)).status,
      ).toBe(404);
    const limited = await post('/api/help-requests/status', { code }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(limited.json)).not.toContain('received');
    // Another address with the right code still gets its answer.
    expect((await post('/api/help-requests/status', { code }, '10.8.8.9')).status).toBe(200);
  });
});
