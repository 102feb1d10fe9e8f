import { describe, expect, it } from 'vitest';
import { parseFtmLine, screenFieldsOf, type FtmEntity } from './ftm.ts';
import { ScreenIndex, type ScreenEntity } from './screen-index.ts';

/** A hand-made fixture: fictional people and companies, with aliases in several scripts. */
const FIXTURE = [
  {
    id: 'p-chen',
    schema: 'Person',
    properties: {
      name: ['陈志'],
      alias: ['Trần Chí'],
      birthDate: ['1987-12-16'],
      nationality: ['kh', 'cn'],
      topics: ['sanction'],
    },
  },
  {
    id: 'p-chen-other',
    schema: 'Person',
    properties: { name: ['Chen Zhiyong'], birthDate: ['1961-03-02'], nationality: ['tw'] },
  },
  { id: 'p-tan', schema: 'Person', properties: { name: ['Tan Chee Keong'], birthDate: ['1975-01-01'] } },
  {
    id: 'p-somchai',
    schema: 'Person',
    properties: { name: ['สมชาย ใจดี'], alias: ['Somchai Jaidee'], nationality: ['th'] },
  },
  { id: 'p-aung', schema: 'Person', properties: { name: ['Aung Kyaw Moe'], passportNumber: ['MA-123456'] } },
  {
    id: 'c-lotus',
    schema: 'Company',
    properties: { name: ['Golden Lotus Holding Group'], alias: ['金莲控股集团'], jurisdiction: ['kh'] },
  },
  { id: 'c-lotus-tea', schema: 'Company', properties: { name: ['Lotus Tea Trading'] } },
  { id: 'o-lotus', schema: 'Ownership', properties: { owner: ['p-chen'], asset: ['c-lotus'] } },
];

function buildIndex(): ScreenIndex {
  const index = new ScreenIndex();
  for (const raw of FIXTURE) {
    const parsed = parseFtmLine(JSON.stringify(raw), 'fixture');
    if (parsed.ok !== true) throw new Error('fixture line refused');
    const e: FtmEntity = parsed.entity;
    if (e.schema === 'Ownership') continue;
    index.add({ id: e.id, schema: e.schema, caption: e.caption, datasets: e.datasets, ...screenFieldsOf(e) });
  }
  return index;
}

describe('screening against a hand-made fixture with cross-script aliases', () => {
  const index = buildIndex();

  it.each(['陈志', '陳志', 'Chen Zhi', 'Trần Chí', 'Tran Chi', 'Zhi Chen'])(
    '%s reaches the same person first',
    (name) => {
      const [top] = index.screen({ name, schema: 'Person' });
      expect(top?.id).toBe('p-chen');
      expect(top?.match).toBe(true);
      expect(top?.features.find((f) => f.feature === 'name')?.reason).toMatch(/exact|same|reordered/);
    },
  );

  it('a conflicting birth date lowers a same-name candidate and says why; a matching one raises it', () => {
    const same = index.screen({ name: 'Chen Zhi', birthDate: '1987-12-16' })[0]!;
    const other = index.screen({ name: 'Chen Zhi', birthDate: '1950-06-01' })[0]!;
    expect(same.id).toBe('p-chen');
    expect(same.score).toBeGreaterThan(other.score);
    expect(other.features.find((f) => f.feature === 'birth_date')).toMatchObject({ weight: expect.any(Number) });
    expect(other.features.find((f) => f.feature === 'birth_date')!.weight).toBeLessThan(0);
  });

  it('country agreement is an explained feature', () => {
    const [top] = index.screen({ name: 'Chen Zhi', countries: ['KH'] });
    expect(top?.features.find((f) => f.feature === 'country')?.reason).toMatch(/shared country KH/);
  });

  it('an identifier alone finds its holder, whatever the punctuation', () => {
    const [top] = index.screen({ name: 'A. K. Moe', identifiers: ['ma 123456'] });
    expect(top?.id).toBe('p-aung');
    expect(top?.features.map((f) => f.feature)).toContain('identifier');
    expect(top?.match).toBe(true);
  });

  it('Thai script meets its romanisation', () => {
    const [top] = index.screen({ name: 'Somchai Jaidee' });
    expect(top?.id).toBe('p-somchai');
  });

  it('a company name with a legal suffix reaches the company, and a Person query never returns it', () => {
    const [top] = index.screen({ name: 'Golden Lotus Holding Group Co Ltd', schema: 'Company' });
    expect(top?.id).toBe('c-lotus');
    expect(index.screen({ name: 'Golden Lotus Holding Group', schema: 'Person' }).map((c) => c.id)).not.toContain(
      'c-lotus',
    );
  });

  it('an unrelated name is not called a match', () => {
    const results = index.screen({ name: 'Maria Fernanda Oliveira' });
    expect(results.every((r) => !r.match)).toBe(true);
  });

  it('ranks the exact person above a longer name sharing the surname and first syllable', () => {
    const ids = index.screen({ name: 'Chen Zhi' }).map((c) => c.id);
    expect(ids.indexOf('p-chen')).toBeLessThan(ids.indexOf('p-chen-other'));
  });
});

describe('screening when every key of a query is shared by many entities', () => {
  const person = (id: string, name: string, birthDate: string): ScreenEntity => ({
    id,
    schema: 'Person',
    caption: name,
    names: [name],
    birthDates: [birthDate],
    countries: [],
    identifiers: [],
    topics: [],
    datasets: ['fixture'],
  });
  // Posting lists wider than 3 count as wide, so these few dozen people stand for millions with common names.
  const options = { wideList: 3 };

  it('finds the one person with both the common surname and the common given name, whoever was added first', () => {
    const index = new ScreenIndex(options);
    const surnames = ['Chen', 'Li', 'Wang', 'Zhang', 'Liu', 'Huang'];
    const given = ['Zhiwei', 'Zhiming', 'Weiguo', 'Jianhua', 'Xiaoping', 'Haitao'];
    // Everyone but the target shares the surname or the given name with it, never both.
    for (const s of surnames)
      for (const g of given)
        if ((s === 'Chen') !== (g === 'Zhiwei'))
          for (let k = 0; k < 6; k++) index.add(person(`${s}-${g}-${k}`, `${s} ${g}`, `19${50 + k}-01-01`));
    index.add({ ...person('target', '陈志伟', '1987-12-16'), names: ['陈志伟', 'Chen Zhiwei'] });
    for (const name of ['Chen Zhiwei', '陈志伟', 'Zhiwei Chen', 'Trần Chí Vĩ'])
      expect(index.screen({ name, schema: 'Person' }, { shortlist: 10 })[0]?.id, name).toBe('target');
  });

  it('among many people of the very same name, the birth date given with the query finds the right one', () => {
    const index = new ScreenIndex(options);
    for (let k = 0; k < 80; k++)
      index.add(person(`decoy-${k}`, 'Nguyen Van Minh', `${1940 + (k % 40)}-03-0${1 + (k % 9)}`));
    index.add(person('target', 'Nguyen Van Minh', '1991-07-21'));
    const [top] = index.screen(
      { name: 'Nguyen Van Minh', birthDate: '1991-07-21', schema: 'Person' },
      { shortlist: 10 },
    );
    expect(top?.id).toBe('target');
  });

  it('entities added after a query (which packs the lists) are found as well as the ones before', () => {
    const index = new ScreenIndex(options);
    for (let k = 0; k < 20; k++) index.add(person(`decoy-${k}`, 'Nguyen Van Minh', `${1940 + k}-03-01`));
    index.add(person('early', 'Somchai Jaidee', '1980-01-01'));
    const query = { name: 'Nguyen Van Minh', birthDate: '1991-07-21', schema: 'Person' };
    expect(index.screen(query, { shortlist: 10 })[0]?.id).not.toBe('late');
    index.add(person('late', 'Nguyen Van Minh', '1991-07-21'));
    expect(index.screen(query, { shortlist: 10 })[0]?.id).toBe('late');
    expect(index.screen({ name: 'Somchai Jaidee', schema: 'Person' })[0]?.id).toBe('early');
    index.finish();
    expect(index.screen(query, { shortlist: 10 })[0]?.id).toBe('late');
  });
});

describe('FtM lines the database could not store', () => {
  it('refuses ids with control characters and NUL in values, with a reason', () => {
    expect(parseFtmLine(JSON.stringify({ id: 'a\u0000b', schema: 'Person', properties: {} }))).toEqual({
      ok: false,
      error: '"id" holds a control character',
    });
    expect(parseFtmLine(JSON.stringify({ id: 'a', schema: 'Person', properties: { name: ['x\u0000'] } }))).toEqual({
      ok: false,
      error: 'property "name" holds a NUL character',
    });
  });
});
