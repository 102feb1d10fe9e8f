import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { jobHandlers } from '../job-handlers.ts';
import { createTestServer, type TestServer } from '../../testing/test-server.ts';

const person = (names: { value: string; preferred: boolean }[]) => ({
  names,
  sex: 'male',
  dateOfBirth: '1996-04-03',
  nationalities: ['CN'],
  languages: ['zh'],
  contacts: [{ channel: 'phone', value: '+8613800138000' }],
  documentStatus: 'confiscated',
  location: { kind: 'street' },
  exitMode: 'escaped',
  consent: { shareWithOwnEmbassy: true, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
});

/** Registration queues a duplicate check in its own transaction; the job runner turns it into a proposal. */
describe.each(DATABASE_KINDS)('duplicate check after registration on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('proposes the earlier record when the same person is registered again in another script', async () => {
    const c = await t.userIn('ngo-reg', 'caseworker');
    const first = await c.request(
      'POST',
      '/api/survivors',
      person([
        { value: '陈志', preferred: true },
        { value: 'Chen Zhi', preferred: false },
      ]),
    );
    expect(first.status, first.body).toBeLessThan(300);
    const second = await c.request('POST', '/api/survivors', person([{ value: 'Zhi Chen', preferred: true }]));
    expect(second.status).toBeLessThan(300);
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'matching.check'`);
    expect(rows[0].n).toBe(2);
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* drain the queue */
    }
    const proposals = await c.request('GET', `/api/matching/survivors/${second.json.survivorId}/proposals`);
    expect(proposals.status).toBe(200);
    expect(proposals.json.items.length).toBeGreaterThanOrEqual(1);
  });
});
