import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_CELL } from '../../core/statistics/suppression.ts';
import { recoverByDifferencing, type AdditiveLine } from '../../core/statistics/differencing.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { checkSurvivorForDuplicates } from '../../services/matching/check.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { register } from '../../testing/casework-fixtures.ts';

/**
 * Attacks on every aggregate that crosses an organisation boundary: a survivor who refused
 * statistics must not move any figure; confirmed duplicates count once; small cells are hidden and
 * cannot be recovered from the published cells and totals of both views together.
 */

let serial = 0;
const person = (nationality: string, useInStatistics: boolean, extra: Record<string, unknown> = {}) => {
  serial++;
  return {
    names: [
      {
        value: `Statistics Person ${serial} ${'abcdefghijklmnopqrstuvwxyz'[serial % 26]}${serial * 7919}`,
        script: 'Latn',
        preferred: true,
      },
    ],
    nationalities: [nationality],
    contacts: [{ channel: 'phone', value: `+855 12 ${String(100000 + serial * 37).padStart(6, '0')}` }],
    dateOfBirth: `19${60 + (serial % 39)}-0${1 + (serial % 9)}-1${serial % 10}`,
    ageBand: undefined,
    consent: { shareWithOwnEmbassy: true, shareWithOrganisationIds: [], useInStatistics, method: 'verbal' },
    ...extra,
  };
};

type Json = Record<string, any>;
const COLUMNS = ['registered', 'awaiting_documents', 'awaiting_travel', 'repatriated', 'lost_contact'] as const;
const STAGES = COLUMNS.slice(1);

/** Every count field of both views, with a name, as an attacker would tabulate them. */
function published(home: Json, summary: Json): Map<string, number | 'suppressed'> {
  const v = new Map<string, number | 'suppressed'>();
  v.set('home.survivors', home.survivors);
  v.set('home.cases', home.cases);
  v.set('home.highRisk', home.highRisk);
  v.set('home.recent', home.registeredLast7Days);
  for (const [k, n] of Object.entries(home.casesByStatus)) v.set(`home.status.${k}`, n as number);
  for (const [k, n] of Object.entries(home.casesByRisk)) v.set(`home.risk.${k}`, n as number);
  for (const n of home.topNationalities) v.set(`home.nat.${n.nationality}`, n.count);
  for (const r of summary.rows) for (const c of COLUMNS) v.set(`row.${r.nationality}.${c}`, r[c]);
  for (const c of COLUMNS) v.set(`total.${c}`, summary.totals[c]);
  return v;
}

/** The additive relations an attacker knows between those figures; repeated subtraction until nothing new. */
function attack(v: Map<string, number | 'suppressed'>, home: Json, summary: Json): Map<string, number> {
  const lines: AdditiveLine[] = [];
  for (const c of COLUMNS)
    lines.push({ members: summary.rows.map((r: Json) => `row.${r.nationality}.${c}`), total: `total.${c}` });
  lines.push({ members: ['total.registered'], total: 'home.survivors' });
  for (const s of STAGES)
    if (v.has(`home.status.${s}`)) lines.push({ members: [`total.${s}`], total: `home.status.${s}` });
  lines.push({ members: Object.keys(home.casesByStatus).map((k) => `home.status.${k}`), total: 'home.cases' });
  lines.push({ members: ['home.risk.high', 'home.risk.critical'].filter((k) => v.has(k)), total: 'home.highRisk' });
  for (const n of home.topNationalities)
    lines.push({ members: [`row.${n.nationality}.registered`], total: `home.nat.${n.nationality}` });
  return recoverByDifferencing(v, lines);
}

function expectNoSmallCellOrRecovery(home: Json, summary: Json) {
  const v = published(home, summary);
  for (const [k, n] of v) if (n !== 'suppressed') expect(n === 0 || n >= MINIMUM_CELL, `${k} = ${n}`).toBe(true);
  const learned = attack(v, home, summary);
  const recovered = [...v]
    .filter(([k, n]) => n === 'suppressed' && learned.has(k))
    .map(([k]) => `${k} = ${learned.get(k)}`);
  expect(recovered).toEqual([]);
  return [...v.values()].filter((n) => n === 'suppressed').length;
}

const withoutClock = (summary: Json) => ({ ...summary, generatedAt: null });

describe.each(DATABASE_KINDS)('aggregates across organisations on %s', (kind) => {
  let t: TestServer;
  let shelter: TestClient;
  let ngo: TestClient;
  let lead: TestClient;
  let embassy: TestClient;
  const ids: { survivorId: string; caseId: string }[] = [];
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('stats-lead', 'coordination');
    await t.org('stats-emb-fj', 'embassy', ['FJ']);
    shelter = await t.userIn('stats-shelter', 'caseworker');
    ngo = await t.userIn('stats-ngo', 'caseworker');
    lead = await t.userIn('stats-lead', 'admin');
    embassy = await t.userIn('stats-emb-fj', 'consular_officer');
    for (let i = 0; i < 12; i++) ids.push(await register(shelter, person('ID', true)));
    await register(ngo, person('TO', true));
    // One of the twelve leaves assistance: a status cell of one.
    expect(
      (
        await shelter.request('PATCH', `/api/cases/${ids[0]!.caseId}/status`, {
          status: 'closed',
          reason: 'declined assistance',
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('requires a signed-in member for every aggregate', async () => {
    for (const url of ['/api/home', '/api/coordination/summary'])
      expect((await t.anonymous().request('GET', url)).status).toBe(401);
  });

  it('hides small cells at coordination (a rare nationality is not even named) and none can be recovered from both views', async () => {
    const home = (await lead.request('GET', '/api/home')).json;
    const summary = (await lead.request('GET', '/api/coordination/summary')).json;
    expect(home).toMatchObject({ scope: 'all', minimumCell: MINIMUM_CELL, survivors: 13 });
    expect(summary).toMatchObject({ scope: 'all', minimumCell: MINIMUM_CELL });
    expect(home.casesByStatus).toEqual({ open: 'suppressed', closed: 'suppressed' });
    expect(JSON.stringify([home, summary])).not.toMatch(/"TO"/);
    expect(summary.rows.find((r: Json) => r.nationality === 'other')?.registered).toBe('suppressed');
    const hidden = expectNoSmallCellOrRecovery(home, summary);
    console.log(
      `[statistics] ${kind}: coordination views publish ${published(home, summary).size} figures, ${hidden} suppressed, 0 recovered`,
    );
  });

  it('a survivor who refused statistics moves no cross-organisation figure (today: a cell of one), but counts in her own organisation', async () => {
    const before = {
      home: (await lead.request('GET', '/api/home')).json,
      summary: withoutClock((await lead.request('GET', '/api/coordination/summary')).json),
    };
    const ownBefore = (await ngo.request('GET', '/api/home')).json;
    const embassyBefore = (await embassy.request('GET', '/api/coordination/summary')).json;
    expect(embassyBefore).toMatchObject({ scope: 'visible', rows: [], totals: { registered: 0 } });
    const refuser = await register(ngo, person('FJ', false));
    // Her own embassy sees her in its queue (she consented to that) ...
    const queue = (await embassy.request('GET', '/api/consular/queue')).json.items;
    expect(queue.map((i: Json) => i.survivorId)).toContain(refuser.survivorId);
    // ... but not in its counts, nor does coordination in any figure.
    expect((await embassy.request('GET', '/api/coordination/summary')).json).toMatchObject({
      scope: 'visible',
      rows: [],
      totals: { registered: 0 },
    });
    // Her embassy's home counts its own records only (today it counted every consenting national it may see).
    expect((await embassy.request('GET', '/api/home')).json).toMatchObject({
      scope: 'organisation',
      survivors: 0,
      topNationalities: [],
    });
    expect((await lead.request('GET', '/api/home')).json).toEqual(before.home);
    expect(withoutClock((await lead.request('GET', '/api/coordination/summary')).json)).toEqual(before.summary);
    // Her own organisation's numbers are its operational counts: exact, every record it holds.
    const own = (await ngo.request('GET', '/api/home')).json;
    expect(own).toMatchObject({
      scope: 'organisation',
      minimumCell: null,
      survivors: (ownBefore.survivors as number) + 1,
    });
    expect(own.topNationalities).toEqual(expect.arrayContaining([{ nationality: 'FJ', count: 1 }]));
  });

  it('counts two records confirmed as the same person once', async () => {
    const original = person('ID', true);
    const first = await register(shelter, original);
    const dup = await register(shelter, {
      ...original,
      names: [{ value: original.names[0]!.value.toUpperCase(), script: 'Latn', preferred: true }],
    });
    const home = async () => (await lead.request('GET', '/api/home')).json;
    const totals = async () => (await lead.request('GET', '/api/coordination/summary')).json.totals;
    expect((await home()).survivors).toBe(15);
    expect((await totals()).registered).toBe(15);
    await checkSurvivorForDuplicates(t.app, null, dup.survivorId);
    const proposals = (await shelter.request('GET', `/api/matching/survivors/${dup.survivorId}/proposals`)).json.items;
    const pair = proposals.find((p: Json) => p.candidate?.survivor?.id === first.survivorId);
    expect(pair).toBeDefined();
    expect(
      (await shelter.request('PATCH', `/api/matching/proposals/${pair.id}`, { decision: 'confirm' })).json.status,
    ).toBe('confirmed');
    expect((await home()).survivors).toBe(14);
    expect((await totals()).registered).toBe(14);
    // Own numbers count the person once too.
    expect((await shelter.request('GET', '/api/home')).json.survivors).toBe(13);
    // Undoing the confirmation counts them apart again.
    expect((await shelter.request('PATCH', `/api/matching/proposals/${pair.id}`, { decision: 'undo' })).status).toBe(
      200,
    );
    expect((await home()).survivors).toBe(15);
    const h = await home();
    expectNoSmallCellOrRecovery(h, (await lead.request('GET', '/api/coordination/summary')).json);
  });
});
