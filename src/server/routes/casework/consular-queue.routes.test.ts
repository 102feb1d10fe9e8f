import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asActor, asSystem } from '../../../db/transaction.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** The text of a PDF's pages as PDF.js reads them, with the first page rendered to a PNG for a person to look at. */
async function readPdf(bytes: Buffer, png: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    text += `${(await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
    if (n === 1) {
      const viewport = page.getViewport({ scale: 1.5 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, png), canvas.toBuffer('image/png'));
    }
  }
  await pdf.destroy();
  return text;
}

interface Item {
  caseId: string;
  survivorId: string;
  preferredName: string | null;
  caseStatus: string;
  record: { exitClearance: string; emergencyDocumentStatus: string; flight: { date: string } | null };
  progress: { readyToFly: boolean };
}
const FLIGHT = { date: '2026-03-01', flightNumber: 'QZ 273' };
const screen = { answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } } };

/** The consular queue at the scale of an embassy: filters, sorts, pages, search, bulk steps and the manifest. */
describe.each(DATABASE_KINDS)('the consular queue at scale on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let consul: TestClient;
  let consulVn: TestClient;
  let embId: string;
  let embVn: string;
  const people: Record<string, { caseId: string; survivorId: string }> = {};
  const NAMES = ['Wulan Sari', 'Dewi Lestari', 'Agus Salim', 'Budi Hartono', 'Rina Wati', 'Putri Ayu'];

  const queue = async (c: TestClient, query = '') =>
    (await c.request('GET', `/api/consular/queue?limit=200${query}`)).json as {
      items: Item[];
      total: number;
      totalExact: boolean;
      nextCursor: string | null;
      flights: { date: string; flightNumber: string; people: number }[];
    };
  const recordsOf = (caseIds: string[]) =>
    asSystem(t.database, (trx) =>
      trx
        .selectFrom('consular_records')
        .select(['case_id', 'exit_clearance', 'emergency_document_status'])
        .where('case_id', 'in', caseIds)
        .execute(),
    );
  const toAwaitingDocuments = async (caseId: string) => {
    await cw.request('PUT', `/api/cases/${caseId}/screening`, screen);
    await cw.request('PATCH', `/api/cases/${caseId}/status`, { status: 'assessed' });
    expect((await cw.request('PATCH', `/api/cases/${caseId}/status`, { status: 'awaiting_documents' })).status).toBe(
      200,
    );
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    embId = await t.org('emb-id', 'embassy', ['ID']);
    embVn = await t.org('emb-vn', 'embassy', ['VN']);
    cw = await t.userIn('ngo-q', 'caseworker', 'cw@ngo-q.test');
    consul = await t.userIn('emb-id', 'consular_officer', 'consul@emb-id.test');
    consulVn = await t.userIn('emb-vn', 'consular_officer', 'consul@emb-vn.test');
    for (const [i, name] of NAMES.entries()) {
      people[name] = await register(cw, {
        names: [{ value: name, script: 'Latn', preferred: true }],
        nationalities: ['ID'],
        documentStatus: i % 2 === 0 ? 'held' : 'lost',
        // Those who hold their passport gave its number at registration.
        ...(i % 2 === 0 ? { documentNumber: `B${1000000 + i}` } : {}),
        riskLevel: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
        consent: consent({ shareWithOwnEmbassy: true }),
      });
      t.app.advance(60_000);
    }
    people['Refused Embassy'] = await register(cw, {
      names: [{ value: 'Refused Embassy', preferred: true }],
      nationalities: ['ID'],
      consent: consent({ shareWithOwnEmbassy: false }),
    });
    people['Nguyen Thi Hoa'] = await register(cw, {
      names: [{ value: 'Nguyen Thi Hoa', preferred: true }],
      nationalities: ['VN'],
      consent: consent({ shareWithOwnEmbassy: true }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages every sort with a cursor to the same people, counts the total and never shows the one who refused', async () => {
    const all = await queue(consul);
    expect(all.total).toBe(6);
    expect(all.totalExact).toBe(true); // "at least" only beyond consular-queue.repository QUEUE_COUNT_CAP
    expect(all.items.map((i) => i.preferredName).sort()).toEqual([...NAMES].sort());
    for (const sort of ['newest', 'oldest', 'flight', 'risk']) {
      const whole = (await queue(consul, `&sort=${sort}`)).items.map((i) => i.caseId);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null; total: number } = (
          await consul.request(
            'GET',
            `/api/consular/queue?limit=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          )
        ).json;
        expect(page.total).toBe(6);
        walked.push(...page.items.map((i) => i.caseId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(whole);
    }
    const oldest = (await queue(consul, '&sort=oldest')).items.map((i) => i.preferredName);
    expect(oldest).toEqual(NAMES);
    expect((await queue(consul, '&sort=newest')).items.map((i) => i.preferredName)).toEqual([...NAMES].reverse());
    const passports = await queue(consul, '&documentStatus=held');
    expect(passports.items.map((i) => i.preferredName).sort()).toEqual(['Agus Salim', 'Rina Wati', 'Wulan Sari']);
    expect(passports.total).toBe(3);
    expect(JSON.stringify(all)).not.toContain('Refused Embassy');
    expect((await consul.request('GET', '/api/consular/queue?flightNumber=QZ1')).status).toBe(422);
    expect((await consul.request('GET', '/api/consular/queue?cursor=garbage')).status).toBe(422);
  });

  it('searches within the queue through the survivor index: scoped to consenting nationals and audited without the term', async () => {
    const found = await queue(consul, `&q=${encodeURIComponent('wulan sari')}`);
    expect(found.items.map((i) => i.preferredName)).toEqual(['Wulan Sari']);
    expect(found.total).toBe(1);
    // The index finds these people, but they are not in this embassy's queue: nothing, not even a count.
    for (const hidden of ['Refused Embassy', 'Nguyen Thi Hoa']) {
      const r = await queue(consul, `&q=${encodeURIComponent(hidden)}`);
      expect(r).toMatchObject({ items: [], total: 0 });
    }
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ details: any }>`SELECT details FROM audit_events WHERE action = 'survivor.read'
        AND organisation_id = ${embId} AND details->>'view' = 'consular_search' ORDER BY seq`.execute(trx),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]!.details.survivorIds).toEqual([people['Wulan Sari']!.survivorId]);
    expect(rows[0]!.details.searchKinds).toEqual(['name']);
    expect(rows[2]!.details.survivorIds).toEqual([]);
    expect(JSON.stringify(rows)).not.toMatch(/wulan|Nguyen|Refused/i);
  });

  it('finds a person by the passport number given at registration, in any spacing; another embassy finds nobody', async () => {
    for (const term of ['B1000004', 'b 1000004'])
      expect((await queue(consul, `&q=${encodeURIComponent(term)}`)).items.map((i) => i.preferredName)).toEqual([
        'Rina Wati',
      ]);
    expect(await queue(consulVn, '&q=B1000004')).toMatchObject({ items: [], total: 0 });
    const detail = await consul.request('GET', `/api/cases/${people['Rina Wati']!.caseId}`);
    expect(detail.json.survivor.documentNumber).toBe('B1000004');
    // What is not a document number is refused by name, and nobody is registered.
    const bad = await cw.request('POST', '/api/survivors', {
      names: [{ value: 'Sari', preferred: true }],
      sex: 'female',
      documentStatus: 'held',
      documentNumber: '<b>1</b>',
      consent: consent(),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.documentNumber']);
  });

  it('applies a bulk step all or none: one person who cannot take it changes nothing and is named with a code', async () => {
    const ids = ['Wulan Sari', 'Dewi Lestari', 'Agus Salim'].map((n) => people[n]!.caseId);
    expect(
      (await cw.request('PATCH', `/api/cases/${ids[2]}/status`, { status: 'lost_contact', reason: 'phone off' }))
        .status,
    ).toBe(200);
    const refused = await consul.request('POST', '/api/consular/steps', { caseIds: ids, step: 'exit_clearance_paid' });
    expect(refused.status).toBe(422);
    expect(refused.json.applied).toBe(false);
    expect(refused.json.members).toEqual([
      { caseId: ids[0], name: 'Wulan Sari', ok: true, errors: [], warnings: [] },
      { caseId: ids[1], name: 'Dewi Lestari', ok: true, errors: [], warnings: [] },
      {
        caseId: ids[2],
        name: 'Agus Salim',
        ok: false,
        errors: [{ code: 'case_finished', params: { status: 'lost_contact' } }],
        warnings: [],
      },
    ]);
    // The field reasons name the person, never a case hash.
    expect(refused.json.invalidParams).toEqual([
      { name: 'body.caseIds.2', reason: 'Agus Salim: case is lost contact' },
    ]);
    expect(await recordsOf(ids)).toEqual([]);
    const dry = await consul.request('POST', '/api/consular/steps', {
      caseIds: ids.slice(0, 2),
      step: 'exit_clearance_paid',
      dryRun: true,
    });
    expect(dry.json).toMatchObject({ applied: false, members: [{ ok: true }, { ok: true }] });
    expect(await recordsOf(ids)).toEqual([]);
    const done = await consul.request('POST', '/api/consular/steps', {
      caseIds: ids.slice(0, 2),
      step: 'exit_clearance_paid',
    });
    expect(done.status).toBe(200);
    expect(done.json.applied).toBe(true);
    expect((await recordsOf(ids)).map((r) => r.exit_clearance)).toEqual(['paid', 'paid']);
    const paid = await queue(consul, '&exitClearance=paid');
    expect(paid.items.map((i) => i.preferredName).sort()).toEqual(['Dewi Lestari', 'Wulan Sari']);
    expect((await queue(consul, '&exitClearance=pending')).total).toBe(4);
    const timeline = (await cw.request('GET', `/api/cases/${ids[0]}`)).json.timeline as {
      kind: string;
      params: Record<string, unknown>;
    }[];
    expect(timeline.some((e) => e.kind === 'consular_step' && e.params.exitClearance === 'paid')).toBe(true);
  });

  it('shows "ready to fly" by the one rule: never an open case or a repatriated person, and the filter agrees', async () => {
    const open = people['Rina Wati']!.caseId; // passport held, still open
    const travel = [people['Wulan Sari']!.caseId, people['Dewi Lestari']!.caseId];
    for (const id of travel) await toAwaitingDocuments(id);
    expect(
      (
        await consul.request('POST', '/api/consular/steps', {
          caseIds: [travel[1]],
          step: 'travel_document_issued',
        })
      ).status,
    ).toBe(200);
    expect(
      (await consul.request('PATCH', `/api/consular/cases/${open}`, { exitClearance: 'paid', flight: FLIGHT })).status,
    ).toBe(200);
    const refused = await consul.request('POST', '/api/consular/flights', {
      caseIds: [...travel, open],
      flight: FLIGHT,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.members[2]).toMatchObject({
      name: 'Rina Wati',
      ok: false,
      errors: [{ code: 'case_not_bookable', params: { status: 'open' } }],
    });
    expect((await consul.request('POST', '/api/consular/flights', { caseIds: travel, flight: FLIGHT })).status).toBe(
      200,
    );
    await consul.request('PATCH', `/api/consular/cases/${travel[0]}`, { repatriated: true });
    const all = (await queue(consul)).items;
    const ready = (await queue(consul, '&ready=true')).items.map((i) => i.preferredName);
    const notReady = (await queue(consul, '&ready=false')).items.map((i) => i.preferredName);
    expect(ready).toEqual(['Dewi Lestari']);
    expect(all.filter((i) => i.progress.readyToFly).map((i) => i.preferredName)).toEqual(ready);
    expect(notReady.sort()).toEqual(NAMES.filter((n) => n !== 'Dewi Lestari').sort());
    expect(all.find((i) => i.caseId === open)!.progress.readyToFly).toBe(false);
    expect(all.find((i) => i.caseId === travel[0])!.progress.readyToFly).toBe(false);
    const onFlight = await queue(consul, `&flightNumber=QZ%20273&flightDate=${FLIGHT.date}`);
    expect(onFlight.items.map((i) => i.preferredName).sort()).toEqual(['Dewi Lestari', 'Rina Wati', 'Wulan Sari']);
    expect((await queue(consul, '&flight=none')).total).toBe(3);
    expect(onFlight.flights).toEqual([{ date: FLIGHT.date, flightNumber: 'QZ 273', people: 2 }]);
  });

  it('exports the flight manifest with only the airline fields, audited, as CSV, XLSX and PDF', async () => {
    const csv = await consul.request('GET', `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Name (as in travel document),Sex,Date of birth,Nationality,Travel document,Document number,Flight,Date',
    );
    // Wulan Sari is home (not on the manifest); the open case booked by hand is still travelling on it.
    expect(lines.slice(1)).toEqual([
      'Dewi Lestari,F,,ID,Emergency travel document,,QZ 273,2026-03-01',
      'Rina Wati,F,,ID,Passport,B1000004,QZ 273,2026-03-01',
    ]);
    for (const secret of ['+62', 'night market', 'KK Park', 'siti_test', 'ngo-q'])
      expect(csv.body).not.toContain(secret);
    // "qz273" is the same flight as "QZ 273".
    const xlsx = await t.server.inject({
      method: 'GET',
      url: `/api/consular/manifest?flightNumber=qz273&date=${FLIGHT.date}&format=xlsx`,
      headers: { cookie: consul.cookie },
    });
    expect(xlsx.headers['x-export-rows']).toBe('2');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('Dewi Lestari');
    expect(sheet.rowCount).toBe(3);
    const pdf = await t.server.inject({
      method: 'GET',
      url: `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}&format=pdf`,
      headers: { cookie: consul.cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await readPdf(pdf.rawPayload, `consular-manifest-${kind}.png`);
    for (const expected of ['Flight manifest: QZ 273', 'Passengers: 2', 'Dewi Lestari', 'Rina Wati', 'Passport'])
      expect(printed).toContain(expected);
    for (const secret of ['Wulan', '+62', 'night market', 'KK Park']) expect(printed).not.toContain(secret);
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ details: any }>`SELECT details FROM audit_events WHERE action = 'export.create'
        AND organisation_id = ${embId} AND details->>'dataset' = 'flight_manifest' ORDER BY seq`.execute(trx),
    );
    expect(rows.map((r) => [r.details.format, r.details.rows])).toEqual([
      ['csv', 2],
      ['xlsx', 2],
      ['pdf', 2],
    ]);
    expect((await cw.request('GET', `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`)).status).toBe(
      403,
    );
  });

  it('another embassy can neither update nor export these nationals, and its raw SQL sees none of their records', async () => {
    const ids = NAMES.map((n) => people[n]!.caseId);
    const before = await recordsOf(ids);
    const bulk = await consulVn.request('POST', '/api/consular/steps', {
      caseIds: ids,
      step: 'travel_document_issued',
    });
    expect(bulk.status).toBe(422);
    for (const m of bulk.json.members)
      expect(m).toEqual({ ...m, name: null, ok: false, errors: [{ code: 'not_in_queue' }] });
    expect(JSON.stringify(bulk.json)).not.toMatch(/Wulan|Dewi|Rina|Agus/);
    expect(await recordsOf(ids)).toEqual(before);
    const flight = await consulVn.request('POST', '/api/consular/flights', {
      caseIds: ids.slice(0, 1),
      flight: FLIGHT,
    });
    expect(flight.status).toBe(422);
    const manifest = await consulVn.request('GET', `/api/consular/manifest?flightNumber=QZ%20273&date=${FLIGHT.date}`);
    expect(manifest.status).toBe(200);
    expect(manifest.body.trim().split('\r\n')).toHaveLength(1);
    expect((await queue(consulVn)).items.map((i) => i.preferredName)).toEqual(['Nguyen Thi Hoa']);
    const vnUser = await asSystem(t.database, (trx) =>
      trx.selectFrom('memberships').select('user_id').where('organisation_id', '=', embVn).executeTakeFirstOrThrow(),
    );
    const vnActor = await issueServiceSession(t.app, { userId: vnUser.user_id, organisationId: embVn, minutes: 60 });
    const raw = await asActor(t.database, vnActor!, async (trx) => ({
      records: await trx.selectFrom('consular_records').select('case_id').execute(),
      cases: (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id),
    }));
    expect(raw.records).toEqual([]);
    expect(raw.cases).toEqual([people['Nguyen Thi Hoa']!.caseId]);
  });
});
