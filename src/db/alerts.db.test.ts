import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRank } from '../core/alerts/rank.ts';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../testing/test-harness.ts';
import { insertOrganisation, insertUser } from './repositories/accounts.repository.ts';
import {
  acknowledgeForOrganisation,
  findAlerts,
  listAlerts,
  upsertAlerts,
  type AlertUpsert,
} from './repositories/alerts.repository.ts';
import { asSystem } from './transaction.ts';

/** The one alert repository: casework and shared monitoring alerts in one table, one order (core ALERT_SORT_KEYS). */
describe.each(DATABASE_KINDS)('the alert repository on %s', (kind) => {
  let database: TestDatabase;
  const ngo = randomUUID();
  const watch = randomUUID();
  const analyst = randomUUID();
  const alert = (over: Partial<AlertUpsert> & Pick<AlertUpsert, 'kind' | 'severity' | 'rank' | 'dedupeKey'>) => ({
    id: randomUUID(),
    organisationId: null,
    title: over.dedupeKey,
    subjectType: 'compound',
    subjectId: null,
    details: {},
    at: '2026-02-10T08:00:00.000Z',
    ...over,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await asSystem(database, async (trx) => {
      for (const [id, slug, k] of [
        [ngo, 'alerts-ngo', 'ngo'],
        [watch, 'alerts-watch', 'monitor'],
      ] as const)
        await insertOrganisation(trx, {
          id,
          slug,
          name: slug,
          kind: k,
          nationalitiesServed: [],
          city: null,
          requireTotp: false,
          isDemo: false,
        });
      await insertUser(trx, {
        id: analyst,
        email: `${analyst}@alerts.test`,
        displayName: 'Analyst',
        passwordHash: 'x',
        locale: 'en',
        totpExempt: true,
        isDemo: false,
      });
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lists an urgent alert about a person above a shared urgent compound alert, and pages in that order', async () => {
    await asSystem(database, async (trx) => {
      await upsertAlerts(trx, [
        alert({
          kind: 'mass_exit',
          severity: 'urgent',
          rank: alertRank('urgent', { aboutAPerson: false }),
          dedupeKey: 'exit',
        }),
        alert({
          kind: 'possible_relocation',
          severity: 'medium',
          rank: alertRank('medium', { aboutAPerson: false }),
          dedupeKey: 'move',
        }),
        alert({
          kind: 're_trafficking_risk',
          organisationId: ngo,
          severity: 'urgent',
          rank: alertRank('urgent', { aboutAPerson: true }),
          subjectType: 'case',
          dedupeKey: 'risk',
          at: '2026-02-01T08:00:00.000Z',
        }),
      ]);
      const all = await listAlerts(trx, { organisationId: ngo, administrator: false });
      expect(all.map((a) => a.dedupeKey)).toEqual(['risk', 'exit', 'move']);
      const first = await listAlerts(trx, { organisationId: ngo, administrator: false, limit: 1 });
      const last = first[0]!;
      const rest = await listAlerts(trx, {
        organisationId: ngo,
        administrator: false,
        after: { rank: last.rank, createdAt: last.createdAt, id: last.id },
      });
      expect(rest.map((a) => a.dedupeKey)).toEqual(['exit', 'move']);
    });
  });

  it('refreshes an alert by its key and keeps its id and status; "keep" leaves it untouched', async () => {
    await asSystem(database, async (trx) => {
      const base = alert({ kind: 'raid_without_rescues', severity: 'low', rank: 100, dedupeKey: 'raid' });
      const [first] = await upsertAlerts(trx, [base]);
      expect(first).toMatchObject({ id: base.id, inserted: true });
      const [again] = await upsertAlerts(trx, [
        { ...base, id: randomUUID(), severity: 'high', rank: 300, title: 'more' },
      ]);
      expect(again).toMatchObject({ id: base.id, inserted: false });
      expect(await upsertAlerts(trx, [{ ...base, id: randomUUID(), title: 'kept?' }], 'keep')).toEqual([]);
      const [stored] = await findAlerts(trx, [base.id], watch);
      expect(stored).toMatchObject({
        severity: 'high',
        rank: 300,
        title: 'more',
        status: 'open',
        organisationId: null,
      });
    });
  });

  it('shows a shared alert acknowledged only to the organisation that acknowledged it', async () => {
    await asSystem(database, async (trx) => {
      const shared = alert({ kind: 'possible_theatre_raid', severity: 'high', rank: 300, dedupeKey: 'theatre' });
      await upsertAlerts(trx, [shared]);
      await acknowledgeForOrganisation(trx, shared.id, watch, analyst, '2026-02-11T08:00:00.000Z');
      const [seenByWatch] = await findAlerts(trx, [shared.id], watch);
      const [seenByNgo] = await findAlerts(trx, [shared.id], ngo);
      expect(seenByWatch).toMatchObject({
        status: 'acknowledged',
        globalStatus: 'open',
        acknowledgedBy: analyst,
        acknowledgedAt: '2026-02-11T08:00:00.000Z',
      });
      expect(seenByNgo).toMatchObject({ status: 'open', acknowledgedBy: null });
      expect(await findAlerts(trx, [shared.id], ngo, ['mass_exit'])).toEqual([]);
    });
  });
});
