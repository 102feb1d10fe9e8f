import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, COMPOUND_COLUMNS, FIGURE_COLUMNS } from './datasets.ts';
import { HTCDS_COLUMNS, monthOf, type DeidentifiedCaseFacts } from './htcds.ts';
import { csvCell, csvChunks, featureCollectionChunks, HXL_TAG } from './table.ts';

const collect = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
};

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });
  it('neutralises spreadsheet formulas in text, not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('streamed tables', () => {
  it('writes the header, then for HXL the hashtag row, then one line per row, across chunks', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      nationality: 'ID',
      registered: i,
      awaitingDocuments: 'suppressed' as const,
      awaitingTravel: 0,
      repatriated: 0,
      lostContact: 0,
      bottleneck: 'suppressed',
      date: '2026-01-01',
    }));
    const text = await collect(csvChunks(FIGURE_COLUMNS, rows, 'hxl', 1024));
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1002);
    expect(lines[0]).toBe(
      'nationality,registered,awaiting_documents,awaiting_travel,repatriated,lost_contact,bottleneck,date',
    );
    expect(lines[1]!.startsWith('#affected+nationality+code,#affected+registered,')).toBe(true);
    expect(lines[1001]).toBe('ID,999,suppressed,0,0,0,suppressed,2026-01-01');
    expect((await collect(csvChunks(FIGURE_COLUMNS, rows, 'csv'))).split('\r\n')[1]).toBe(
      'ID,0,suppressed,0,0,0,suppressed,2026-01-01',
    );
  });
  it('uses only well-formed HXL hashtags', () => {
    for (const columns of [EVENT_COLUMNS, COMPOUND_COLUMNS, FIGURE_COLUMNS] as (readonly { hxl?: string }[])[])
      for (const c of columns) if (c.hxl) expect(c.hxl).toMatch(HXL_TAG);
  });
  it('writes a GeoJSON FeatureCollection that parses, empty or not', async () => {
    expect(JSON.parse(await collect(featureCollectionChunks([])))).toEqual({ type: 'FeatureCollection', features: [] });
    const features = [1, 2, 3].map((id) => ({ type: 'Feature', id, geometry: null, properties: {} }));
    expect(JSON.parse(await collect(featureCollectionChunks(features, 10))).features).toEqual(features);
  });
});

describe('HTCDS de-identification', () => {
  const facts: DeidentifiedCaseFacts = {
    recordNumber: 7,
    sex: 'other',
    ageBand: 'under_18',
    nationalities: ['vn', 'ID', 'Hanoi street 5'],
    status: 'repatriated',
    registeredAt: '2026-03-31T23:59:00.000Z',
    exitDate: '2026-03-02',
    exitMode: 'rescued',
    documentStatus: 'lost',
    screeningOutcome: 'presumed_victim',
    screeningAnswers: { forced_criminality: 'yes', physical_sexual_violence: 'yes', debt_bondage: 'no' },
  };
  const row = Object.fromEntries(HTCDS_COLUMNS.map((c) => [c.header, c.value(facts)]));
  it('keeps months, bands and country codes only', () => {
    expect(row).toMatchObject({
      ext_RecordNumber: 7,
      prs_Gender: 'Unknown',
      ext_AgeBand: 'under_18',
      ext_MajorityStatus: 'Minor',
      prs_Nationality: 'ID;VN',
      cas_Status: 'FollowUp',
      ext_RegistrationMonth: '2026-03',
      ext_ExitMonth: '2026-03',
    });
    expect(monthOf(null)).toBeNull();
  });
  it('reports forced criminality as the exploitation type and never infers sexual abuse', () => {
    expect(row.ext_TypeOfExploitation).toBe('ForcedCriminality');
    expect(row.vic_TypeOfLabourExploitation).toBe('IllicitActivities');
    expect(row.vic_MethodsOfControl).toBe('PhysicalAbuse');
  });
});
