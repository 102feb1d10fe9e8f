import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { HXL_TAG } from '../../core/exports/table.ts';
import { asSystem } from '../../db/transaction.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

/** Splits a CSV body written by core/exports/table.ts (no quoted newlines in these fixtures). */
const csvRows = (body: string) =>
  body
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.each(DATABASE_KINDS)('exports, on %s', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let analyst: TestClient;
  let caseworker: TestClient;
  let viewer: TestClient;
  let otherAdmin: TestClient;
  /** Unique strings planted in every identifying or free-text field; none may reach the de-identified export. */
  const markers: string[] = [];
  const own: { survivorId: string; caseId: string }[] = [];
  let refusedStatistics: { survivorId: string; caseId: string };
  let foreign: { survivorId: string; caseId: string };
  let compoundId: string;

  const mark = (label: string) => {
    const m = `MARK${label}Q${markers.length}Z${Math.random().toString(36).slice(2, 8)}`;
    markers.push(m);
    return m;
  };
  const planted = (extra: Record<string, unknown> = {}) => ({
    names: [{ value: `${mark('NAME')} ${mark('FAMILY')}`, script: 'Latn', preferred: true }],
    contacts: [
      { channel: 'telegram', value: `@${mark('CONTACT').toLowerCase()}` },
      { channel: 'whatsapp', value: '+62 812 5550 1234' },
    ],
    location: { kind: 'street', detail: mark('LOCATION') },
    compound: mark('COMPOUNDTOLD'),
    dateOfBirth: '1997-03-14',
    exitDate: '2025-09-21',
    ...extra,
  });
  const audits = (action: string) =>
    asSystem(t.database, (trx) =>
      trx
        .selectFrom('audit_events')
        .select(['details', 'actor_user_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute(),
    );

  beforeAll(async () => {
    t = await createTestServer(kind);
    admin = await t.userIn('exp-own', 'admin');
    analyst = await t.userIn('exp-own', 'analyst');
    caseworker = await t.userIn('exp-own', 'caseworker');
    viewer = await t.userIn('exp-own', 'viewer');
    otherAdmin = await t.userIn('exp-other', 'admin');
    for (let i = 0; i < 3; i++)
      own.push(await register(caseworker, planted({ nationalities: i === 2 ? ['VN'] : ['ID'] })));
    refusedStatistics = await register(caseworker, planted({ consent: { ...consent(), useInStatistics: false } }));
    foreign = await register(otherAdmin, planted());
    const screened = await caseworker.request('PUT', `/api/cases/${own[0]!.caseId}/screening`, {
      answers: {
        forced_criminality: { answer: 'yes', note: mark('SCREENINGNOTE') },
        deception: { answer: 'yes' },
        retention_of_identity_documents: { answer: 'yes' },
      },
    });
    expect(screened.status).toBe(200);
    const note = await caseworker.request('POST', `/api/cases/${own[1]!.caseId}/notes`, { body: mark('CASENOTE') });
    expect(note.status).toBe(201);
    compoundId = await createCompound(analyst, 'Golden Fortune Park', 102.61, 13.66, { province: 'Koh Kong' });
    await createCompound(analyst, 'Shwe Kokko', 98.5, 16.8, { province: 'Kayin' });
    const event = await analyst.request('POST', '/api/monitoring/events', {
      compoundId,
      kind: 'mass_exit',
      date: '2025-10-02',
      counts: { peopleLeaving: 250 },
      nationalities: ['ID'],
      confidence: 0.8,
      description: mark('EVENTTEXT'),
    });
    expect(event.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exports the organisation’s cases as CSV with the filter applied, its own cases only, audited as survivor reads', async () => {
    const res = await admin.request('GET', '/api/exports/cases?nationality=ID');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="refuge-cases-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual([
      'case_id',
      'survivor_id',
      'status',
      'risk_level',
      'opened_at',
      'updated_at',
      'registered_at',
      'sex',
      'age_band',
      'nationalities',
      'document_status',
      'exit_mode',
      'screening_outcome',
    ]);
    // Three Indonesians registered here (one refused statistics: the organisation's own export still has it); the
    // Vietnamese is filtered out.
    const ids = rows.map((r) => r[1]);
    expect(new Set(ids)).toEqual(new Set([own[0]!.survivorId, own[1]!.survivorId, refusedStatistics.survivorId]));
    expect(res.headers['x-export-rows']).toBe('3');
    expect(res.body).not.toContain(foreign.survivorId);
    expect(res.body).not.toContain(own[2]!.survivorId);
    for (const m of markers) expect(res.body).not.toContain(m);

    const created = (await audits('export.create')).filter(
      (a) => (a.details as { dataset: string }).dataset === 'cases',
    );
    expect(created.at(-1)!.details).toMatchObject({
      dataset: 'cases',
      format: 'csv',
      filter: { nationality: ['ID'] },
      rows: 3,
    });
    const reads = (await audits('survivor.read')).filter((a) => (a.details as { view?: string }).view === 'export');
    expect(new Set((reads.at(-1)!.details as { survivorIds: string[] }).survivorIds)).toEqual(new Set(ids));
  });

  it('writes the same columns and rows as XLSX', async () => {
    const res = await t.server.inject({
      method: 'GET',
      url: '/api/exports/cases?format=xlsx',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('cases')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'case_id',
      'survivor_id',
      'status',
      'risk_level',
      'opened_at',
      'updated_at',
      'registered_at',
      'sex',
      'age_band',
      'nationalities',
      'document_status',
      'exit_mode',
      'screening_outcome',
    ]);
    expect(sheet.rowCount).toBe(1 + 4);
    const survivorIds = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) survivorIds.add(String(row.getCell(2).value));
    });
    expect(survivorIds).toEqual(new Set([...own.map((o) => o.survivorId), refusedStatistics.survivorId]));
  });

  it('de-identifies the HTCDS export: no marker, no exact date, no id; consenting survivors only; forced criminality as the exploitation type', async () => {
    const res = await analyst.request('GET', '/api/exports/deidentified_cases');
    expect(res.status).toBe(200);
    for (const m of markers) expect(res.body, m).not.toContain(m);
    expect(res.body).not.toMatch(UUID);
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(res.body).not.toContain('1997');
    expect(res.body).not.toContain('555');
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual([
      'ext_RecordNumber',
      'prs_Gender',
      'ext_AgeBand',
      'ext_MajorityStatus',
      'prs_Nationality',
      'cas_Status',
      'ext_CaseStatus',
      'ext_RegistrationMonth',
      'ext_ExitMonth',
      'ext_ExitMode',
      'ext_IdentityDocuments',
      'ext_TypeOfExploitation',
      'vic_TypeOfLabourExploitation',
      'vic_MethodsOfControl',
      'ext_ScreeningOutcome',
    ]);
    // Three consenting survivors of this organisation; the one who refused statistics and the other organisation's are
    // absent.
    expect(rows).toHaveLength(3);
    expect(res.headers['x-export-rows']).toBe('3');
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('ext_RecordNumber')])).toEqual(['1', '2', '3']);
    expect(rows.every((r) => /^\d{4}-\d{2}$/.test(r[col('ext_RegistrationMonth')]!))).toBe(true);
    expect(rows.every((r) => r[col('ext_ExitMonth')] === '2025-09')).toBe(true);
    expect(rows.every((r) => r[col('ext_AgeBand')] === '25_34' && r[col('prs_Gender')] === 'Female')).toBe(true);
    const screened = rows.filter((r) => r[col('ext_TypeOfExploitation')] === 'ForcedCriminality');
    expect(screened).toHaveLength(1);
    expect(screened[0]![col('vic_TypeOfLabourExploitation')]).toBe('IllicitActivities');
    expect(screened[0]![col('vic_MethodsOfControl')]).toBe('FalsePromises;WithholdsDocuments');
    const reads = (await audits('survivor.read')).filter(
      (a) => (a.details as { dataset?: string }).dataset === 'deidentified_cases',
    );
    expect(reads).toHaveLength(1);
    expect((reads[0]!.details as { survivorIds: string[] }).survivorIds).toHaveLength(3);
  });

  it('refuses roles that may not export with 403 and writes nothing', async () => {
    const before = await asSystem(t.database, (trx) =>
      trx.selectFrom('audit_events').select('seq').where('action', 'in', ['export.create', 'survivor.read']).execute(),
    );
    const refusals: [TestClient, string][] = [
      [caseworker, 'cases'],
      [caseworker, 'deidentified_cases'],
      [caseworker, 'figures'],
      [viewer, 'cases'],
      [viewer, 'deidentified_cases'],
      // An analyst exports reports but does not read cases.
      [analyst, 'cases'],
    ];
    for (const [client, dataset] of refusals) {
      const res = await client.request('GET', `/api/exports/${dataset}`);
      expect(res.status, dataset).toBe(403);
      expect(res.body).not.toContain('survivor_id');
    }
    expect((await caseworker.request('GET', '/api/exports/situation-report.pdf')).status).toBe(403);
    const after = await asSystem(t.database, (trx) =>
      trx.selectFrom('audit_events').select('seq').where('action', 'in', ['export.create', 'survivor.read']).execute(),
    );
    expect(after.length).toBe(before.length);
    // The other organisation's admin exports its own single case, never ours.
    const theirs = await otherAdmin.request('GET', '/api/exports/cases');
    expect(theirs.status).toBe(200);
    expect(
      csvRows(theirs.body)
        .slice(1)
        .map((r) => r[1]),
    ).toEqual([foreign.survivorId]);
  });

  it('refuses a format the dataset does not offer', async () => {
    const res = await admin.request('GET', '/api/exports/cases?format=hxl');
    expect(res.status).toBe(422);
  });

  it('writes HXL: a hashtag row under the headers, for figures and compounds', async () => {
    const figures = await admin.request('GET', '/api/exports/figures?format=hxl');
    expect(figures.status).toBe(200);
    const [head, tags, ...rows] = csvRows(figures.body);
    expect(head![0]).toBe('nationality');
    expect(tags).toEqual([
      '#affected+nationality+code',
      '#affected+registered',
      '#affected+awaiting_documents',
      '#affected+awaiting_travel',
      '#affected+repatriated',
      '#affected+lost_contact',
      '#status+bottleneck',
      '#date+reported',
    ]);
    // An ngo's own figures are exact: its four survivors, by nationality.
    expect(Object.fromEntries(rows.map((r) => [r[0], r[1]]))).toEqual({ ID: '3', VN: '1' });

    const compounds = await viewer.request('GET', '/api/exports/compounds?format=hxl&province=Koh%20Kong');
    expect(compounds.status).toBe(200);
    const [, ctags, ...crows] = csvRows(compounds.body);
    expect(ctags!.every((tag) => tag === '' || HXL_TAG.test(tag))).toBe(true);
    expect(ctags).toEqual(expect.arrayContaining(['#loc+name', '#adm1+name', '#geo+lat', '#geo+lon', '#status']));
    expect(crows).toHaveLength(1);
    expect(crows[0]![ctags!.indexOf('#loc+name')]).toBe('Golden Fortune Park');
  });

  it('writes GeoJSON of events and of filtered compounds (the existing route, extended), without free text', async () => {
    const events = await analyst.request('GET', '/api/exports/events?format=geojson&kind=mass_exit');
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toContain('application/geo+json');
    expect(events.json.type).toBe('FeatureCollection');
    expect(events.json.features).toHaveLength(1);
    expect(events.json.features[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [102.61, 13.66] },
      properties: { kind: 'mass_exit', compoundId, peopleLeaving: 250, date: '2025-10-02' },
    });
    for (const m of markers) expect(events.body).not.toContain(m);

    const filtered = await viewer.request('GET', '/api/monitoring/compounds.geojson?province=Kayin');
    expect(filtered.status).toBe(200);
    expect(filtered.headers['x-export-rows']).toBe('1');
    expect(filtered.json.features.map((f: { properties: { names: string[] } }) => f.properties.names)).toEqual([
      ['Shwe Kokko'],
    ]);
    const all = await viewer.request('GET', '/api/exports/compounds?format=geojson');
    expect(all.json.features).toHaveLength(2);
    const recorded = (await audits('export.create')).map((a) => a.details as { dataset: string; filter: object });
    expect(recorded).toContainEqual(expect.objectContaining({ dataset: 'compounds', filter: { province: 'Kayin' } }));
    expect(recorded).toContainEqual(expect.objectContaining({ dataset: 'events', filter: { kind: ['mass_exit'] } }));
  });
});
