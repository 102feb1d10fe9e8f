import { describe, expect, it } from 'vitest';
import {
  consentedNationalities,
  consularPath,
  nationalitiesCoveredBy,
  resolveCoverage,
  type CoverageRow,
} from './coverage.ts';

const embassies = [
  { id: 'emb-id', nationalitiesServed: ['ID'] },
  { id: 'emb-ph', nationalitiesServed: ['PH', 'id'] },
];
const rows: CoverageRow[] = [
  { nationality: 'SL', organisationId: 'iom', mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
  { nationality: 'SL', organisationId: 'sl-bkk', mode: 'non_resident', seat: 'Bangkok', rank: 0 },
  { nationality: 'LR', organisationId: 'lr-hon', mode: 'honorary', seat: 'Phnom Penh', rank: 0 },
  { nationality: 'LR', organisationId: 'iom', mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
  { nationality: 'MG', organisationId: 'iom', mode: 'international_org', seat: 'Phnom Penh', rank: 1 },
  { nationality: 'MG', organisationId: 'iom-b', mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
  // A coverage row for a nationality that has a resident embassy never wins over it.
  { nationality: 'ID', organisationId: 'id-bkk', mode: 'non_resident', seat: 'Bangkok', rank: 0 },
];

describe('consular coverage resolution', () => {
  it('prefers a resident embassy, choosing one deterministically when two serve the nationality', () => {
    expect(resolveCoverage('id', embassies, rows)).toEqual({
      nationality: 'ID',
      mode: 'resident',
      organisationId: 'emb-id',
      seat: null,
    });
  });
  it('falls back to non-resident accreditation from a neighbouring capital before the international organisation', () => {
    expect(resolveCoverage('SL', embassies, rows)).toMatchObject({
      mode: 'non_resident',
      organisationId: 'sl-bkk',
      seat: 'Bangkok',
    });
  });
  it('takes an honorary consul before the international organisation', () => {
    expect(resolveCoverage('LR', embassies, rows)).toMatchObject({ mode: 'honorary', organisationId: 'lr-hon' });
  });
  it('takes the international organisation as the last fallback, by rank', () => {
    expect(resolveCoverage('MG', embassies, rows)).toMatchObject({
      mode: 'international_org',
      organisationId: 'iom-b',
    });
  });
  it('treats an embassy serving a nationality from a neighbouring capital as non-resident, not resident', () => {
    const bkk = [...embassies, { id: 'gn-bkk', nationalitiesServed: ['GN'] }];
    const gnRows: CoverageRow[] = [
      ...rows,
      { nationality: 'GN', organisationId: 'gn-bkk', mode: 'non_resident', seat: 'Bangkok', rank: 0 },
      { nationality: 'GN', organisationId: 'gn-hon', mode: 'honorary', seat: 'Phnom Penh', rank: 0 },
    ];
    expect(resolveCoverage('GN', bkk, gnRows)).toMatchObject({ mode: 'non_resident', organisationId: 'gn-bkk' });
    expect(resolveCoverage('GN', bkk, rows)).toMatchObject({ mode: 'resident', organisationId: 'gn-bkk' });
  });
  it('resolves to none when nothing covers the nationality', () => {
    expect(resolveCoverage('ER', embassies, rows)).toEqual({
      nationality: 'ER',
      mode: 'none',
      organisationId: null,
      seat: null,
    });
  });
  it('gives each organisation exactly the nationalities it wins', () => {
    expect(nationalitiesCoveredBy('iom', embassies, rows)).toEqual([]);
    expect(nationalitiesCoveredBy('iom-b', embassies, rows)).toEqual(['MG']);
    expect(nationalitiesCoveredBy('id-bkk', embassies, rows)).toEqual([]);
    expect(nationalitiesCoveredBy('emb-ph', embassies, rows)).toEqual(['PH']);
    expect(nationalitiesCoveredBy('sl-bkk', embassies, rows)).toEqual(['SL']);
    // Without the non-resident embassy, the fallback takes Sierra Leone.
    const noBkk = rows.filter((r) => r.organisationId !== 'sl-bkk');
    expect(nationalitiesCoveredBy('iom', embassies, noBkk)).toEqual(['SL']);
  });
});

describe('consular path of a survivor', () => {
  it('respects no consent: no queue, and not the no-path list either', () => {
    expect(consularPath({ nationalities: ['SL'], shareWithOwnEmbassy: false }, embassies, rows)).toEqual({
      kind: 'not_consented',
    });
  });
  it('lands a consenting national without an embassy here in the covering queue', () => {
    const path = consularPath({ nationalities: ['SL'], shareWithOwnEmbassy: true }, embassies, rows);
    expect(path).toMatchObject({ kind: 'covered', by: [{ organisationId: 'sl-bkk' }] });
  });
  it('puts a consenting national nobody covers on the no consular path list', () => {
    expect(consularPath({ nationalities: ['ER'], shareWithOwnEmbassy: true }, embassies, rows)).toEqual({
      kind: 'no_path',
      nationalities: ['ER'],
    });
  });
  it('dual nationals: consent per nationality decides which service sees them', () => {
    const dual = { nationalities: ['ID', 'SL'], shareWithOwnEmbassy: true };
    expect(consentedNationalities(dual)).toEqual(['ID', 'SL']);
    expect(consentedNationalities({ ...dual, embassyNationalities: ['sl'] })).toEqual(['SL']);
    expect(consularPath({ ...dual, embassyNationalities: ['SL'] }, embassies, rows)).toMatchObject({
      kind: 'covered',
      by: [{ nationality: 'SL', organisationId: 'sl-bkk' }],
    });
    // Chose only a nationality nobody covers: the no-path list, not the other nationality's embassy.
    expect(
      consularPath(
        { nationalities: ['ID', 'ER'], shareWithOwnEmbassy: true, embassyNationalities: ['ER'] },
        embassies,
        rows,
      ),
    ).toEqual({
      kind: 'no_path',
      nationalities: ['ER'],
    });
    // A chosen nationality the survivor does not hold opens nothing, and the survivor shows on the no-path list.
    expect(consentedNationalities({ ...dual, embassyNationalities: ['TH'] })).toEqual([]);
    expect(consularPath({ ...dual, embassyNationalities: ['TH'] }, embassies, rows)).toEqual({
      kind: 'no_path',
      nationalities: [],
    });
  });
  it('lists a consenting survivor of unknown nationality as having no consular path', () => {
    expect(consularPath({ nationalities: [], shareWithOwnEmbassy: true }, embassies, rows)).toEqual({
      kind: 'no_path',
      nationalities: [],
    });
  });
});
