import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { CASE_STATUSES } from '../../../core/vocabulary.ts';
import { transitionCase } from '../../../core/cases/status.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

const ALL_YES_FC = {
  answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes', note: 'promised a job in a hotel' } },
};

async function auditCount(t: TestServer, action: string, resourceId?: string): Promise<number> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action}
    AND (${resourceId ?? null}::text IS NULL OR resource_id = ${resourceId ?? null})`.execute(trx),
  );
  return Number(rows[0]!.n);
}

describe.each(DATABASE_KINDS)('cases through the API on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo-a', 'caseworker');
    admin = await t.userIn('ngo-a', 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers a survivor and case in one request, encrypting identity and auditing every view', async () => {
    const { survivorId, caseId } = await register(cw, {
      names: [
        { value: '林小梅', script: 'Hans', preferred: false },
        { value: 'Lin Xiaomei', script: 'Latn', romanisation: true, preferred: true },
      ],
      nationalities: ['cn'],
    });
    const raw = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('survivors')
        .select(['identity_enc', 'nationalities', 'consent_version'])
        .where('id', '=', survivorId)
        .executeTakeFirstOrThrow(),
    );
    // The whole name: a three-letter fragment turns up in random base64 ciphertext now and then.
    expect(raw.identity_enc).not.toContain('Lin Xiaomei');
    expect(raw.identity_enc).not.toContain('Xiaomei');
    expect(raw.nationalities).toEqual(['CN']);
    expect(raw.consent_version).toBe(1);
    const before = await auditCount(t, 'survivor.read', survivorId);
    const detail = await cw.request('GET', `/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.json.survivor.preferredName).toBe('Lin Xiaomei');
    expect(detail.json.survivor.names).toHaveLength(2);
    expect(detail.json.case.status).toBe('open');
    expect(detail.json.timeline.map((e: { kind: string }) => e.kind)).toContain('opened');
    expect(detail.json.followUps).toHaveLength(1);
    expect(await auditCount(t, 'survivor.read', survivorId)).toBe(before + 1);
  });

  it('rejects a registration without exactly one preferred name, naming the field, and writes nothing', async () => {
    const before = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('survivors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const res = await cw.request('POST', '/api/survivors', {
      names: [{ value: 'A' }, { value: 'B' }],
      sex: 'x',
      documentStatus: 'held',
      consent: consent(),
    });
    expect(res.status).toBe(400);
    const names = res.json.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toContain('body.names');
    expect(names).toContain('body.sex');
    const after = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('survivors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('walks every status transition, refusing the ones core forbids and leaving the case unchanged', async () => {
    const { caseId } = await register(cw);
    const move = (c: TestClient, status: string, reason?: string) =>
      c.request('PATCH', `/api/cases/${caseId}/status`, reason ? { status, reason } : { status });
    expect((await move(cw, 'assessed')).status).toBe(409); // no screening yet
    expect((await move(cw, 'repatriated')).status).toBe(409); // not an edge
    const screening = await cw.request('PUT', `/api/cases/${caseId}/screening`, ALL_YES_FC);
    expect(screening.status).toBe(200);
    expect(screening.json.outcome).toBe('presumed_victim');
    expect(screening.json.ruleText).toContain('presumed');
    expect(screening.json.answers.deception.note).toBe('promised a job in a hotel');
    expect((await move(cw, 'assessed')).status).toBe(200);
    expect((await move(cw, 'assisting')).status).toBe(200);
    const noDocument = await move(cw, 'awaiting_travel');
    expect(noDocument.status).toBe(409);
    expect(noDocument.json.detail).toMatch(/passport|travel document/);
    expect((await move(cw, 'awaiting_documents')).status).toBe(200);
    expect((await move(cw, 'lost_contact')).status).toBe(200);
    expect((await move(cw, 'assisting')).status).toBe(200);
    expect((await move(cw, 'closed')).status).toBe(409); // needs a reason
    expect((await move(cw, 'closed', 'survivor returned home on their own')).status).toBe(200);
    expect((await move(cw, 'open', 'reopened')).status).toBe(409); // caseworker is not admin
    const reopened = await move(admin, 'open', 'new information');
    expect(reopened.status).toBe(200);
    expect(reopened.json.nextStatuses).toContain('assessed');
    const detail = await cw.request('GET', `/api/cases/${caseId}`);
    const changes = detail.json.timeline
      .filter((e: { kind: string }) => e.kind === 'status_changed')
      .map((e: { summary: string }) => e.summary);
    expect(changes).toHaveLength(7);
    expect(detail.json.case.riskLevel).toBe('high'); // lost contact raised it
    expect(await auditCount(t, 'case.status', caseId)).toBe(7);
  });

  it('answers every (from, to) status pair exactly as core/cases transitionCase does', async () => {
    const { caseId } = await register(cw, { documentStatus: 'held' });
    expect((await cw.request('PUT', `/api/cases/${caseId}/screening`, ALL_YES_FC)).status).toBe(200);
    const mismatches: string[] = [];
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        await asSystem(t.database, (trx) =>
          trx.updateTable('cases').set({ status: from }).where('id', '=', caseId).execute(),
        );
        const res = await cw.request('PATCH', `/api/cases/${caseId}/status`, { status: to, reason: 'r' });
        const expected = transitionCase(from, to, {
          actorRole: 'caseworker',
          reason: 'r',
          screeningRecorded: true,
          travelDocumentReady: true,
        }).ok
          ? 200
          : 409;
        if (res.status !== expected) mismatches.push(`${from} → ${to}: ${res.status}, expected ${expected}`);
        const now = await asSystem(t.database, (trx) =>
          trx.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow(),
        );
        if (now.status !== (expected === 200 ? to : from)) mismatches.push(`${from} → ${to}: left ${now.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('raises risk freely but lowers it only with a reason', async () => {
    const { caseId } = await register(cw);
    expect((await cw.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'critical' })).json.riskLevel).toBe(
      'critical',
    );
    expect((await cw.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'low' })).status).toBe(422);
    expect(
      (await cw.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'low', reason: 'safe at home with family' }))
        .json.riskLevel,
    ).toBe('low');
  });

  it('stores notes encrypted and attachments by sniffed type with their SHA-256', async () => {
    const { caseId } = await register(cw);
    const note = await cw.request('POST', `/api/cases/${caseId}/notes`, {
      body: 'Met at the shelter; asked about her sister.',
    });
    expect(note.status).toBe(201);
    const stored = await asSystem(t.database, (trx) =>
      trx.selectFrom('case_notes').select('body_enc').where('id', '=', note.json.id).executeTakeFirstOrThrow(),
    );
    expect(stored.body_enc).not.toContain('sister');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const ok = await cw.request('POST', `/api/cases/${caseId}/attachments`, {
      fileName: 'passport-page.png',
      contentType: 'image/png',
      dataBase64: png.toString('base64'),
    });
    expect(ok.status).toBe(201);
    expect(ok.json.contentType).toBe('image/png');
    expect(ok.json.sha256).toMatch(/^[0-9a-f]{64}$/);
    const lying = await cw.request('POST', `/api/cases/${caseId}/attachments`, {
      fileName: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: png.toString('base64'),
    });
    expect(lying.status).toBe(422);
    const exe = await cw.request('POST', `/api/cases/${caseId}/attachments`, {
      fileName: 'a.exe',
      contentType: '',
      dataBase64: Buffer.from('MZ\x90\x00\x03\x00\x00\x00').toString('base64'),
    });
    expect(exe.status).toBe(422);
    const download = await t.server.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${ok.json.id}`,
      headers: { cookie: cw.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(Buffer.from(download.rawPayload).equals(png)).toBe(true);
    const detail = await cw.request('GET', `/api/cases/${caseId}`);
    expect(detail.json.notes[0].body).toContain('sister');
    expect(detail.json.attachments[0].fileName).toBe('passport-page.png');
  });

  it('lists only the organisation’s cases, filtered and paginated', async () => {
    const other = await t.userIn('ngo-b', 'caseworker');
    const theirs = await register(other);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { json: { items: { id: string; riskLevel: string }[]; nextCursor: string | null } } = await cw.request(
        'GET',
        `/api/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json.items.map((i) => i.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(theirs.caseId);
    expect((await cw.request('GET', `/api/cases/${theirs.caseId}`)).status).toBe(404);
    const critical = await cw.request('GET', '/api/cases?risk=critical,high');
    expect(critical.json.items.every((i: { riskLevel: string }) => ['critical', 'high'].includes(i.riskLevel))).toBe(
      true,
    );
    expect((await cw.request('GET', '/api/cases?cursor=nonsense')).status).toBe(422);
  });
});
