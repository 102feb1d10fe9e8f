import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestDatabase,
  DATABASE_KINDS,
  signedInActor,
  type TestDatabase,
} from '../../testing/test-harness.ts';
import { createOrganisation } from '../accounts.service.ts';
import type { RequestActor } from '../context.ts';
import { exportEntities } from './entities.service.ts';
import { importEntities } from './import.service.ts';
import { screenName } from './screening.service.ts';

const line = (i: number) =>
  JSON.stringify({ id: `r-${i}`, schema: 'Person', properties: { name: [`Resume Person ${i}`] } });
async function* from(lines: readonly string[]) {
  for (const l of lines) yield l;
}

/** Resumable, batched imports on both engines: a run stopped mid-file continues after its last committed line. */
describe.each(DATABASE_KINDS)('entity imports on %s', (kind) => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let analyst: RequestActor;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await createTestApp(db);
    const org = await createOrganisation(app, { slug: 'imp', name: 'imp', kind: 'monitor', nationalitiesServed: [] });
    analyst = await signedInActor(app, org.id, ['analyst']);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('resumes after the last committed batch, reading none of the earlier lines again', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => (i === 12 ? '{"id": 5}' : line(i + 1)));
    const first = await importEntities(app, analyst, from(lines), {
      dataset: 'resume',
      source: 'file:resume.ftm.json',
      batchSize: 5,
      stopAfterLine: 12,
    });
    expect(first).toMatchObject({ status: 'running', lines: 12, imported: 12, rejected: 0 });
    // Lines the resumed run must not read again are replaced by garbage: reading them would reject them.
    const tampered = lines.map((l, i) => (i < 10 ? 'garbage' : l));
    const second = await importEntities(app, analyst, from(tampered), {
      dataset: 'resume',
      source: 'file:resume.ftm.json',
      batchSize: 5,
      resume: true,
    });
    expect(second).toMatchObject({ importId: first.importId, status: 'finished', resumedFromLine: 12, lines: 25 });
    expect(second.imported).toBe(24);
    expect(second.rejected).toBe(1);
    expect(second.problems).toEqual([{ line: 13, error: '"id" must be a string of 1–200 characters' }]);
    const exported: string[] = [];
    for await (const l of exportEntities(app, analyst, { dataset: 'resume' })) exported.push(l);
    expect(exported).toHaveLength(24);
  });

  it('a finished import is not resumed again, and screening sees the imported entities', async () => {
    await expect(
      importEntities(app, analyst, from([line(1)]), {
        dataset: 'resume',
        source: 'file:resume.ftm.json',
        resume: (await importEntities(app, analyst, from([line(99)]), { dataset: 'other', source: 'x' })).importId,
      }),
    ).rejects.toThrow(/already finished/);
    const [top] = await screenName(app, analyst, { name: 'Resume Person 7' });
    expect(top?.id).toBe('r-7');
  });

  it('keeps awkward text byte for byte, merges datasets across imports and leaves planner statistics', async () => {
    const name = 'O\'Brien "Boss" \\ 黃 \u2028 😀 $1 ::jsonb';
    const id = 'awk-"1"\\\'x';
    const entity = (n: string) => JSON.stringify({ id, schema: 'Person', properties: { name: [n], alias: [] } });
    const link = JSON.stringify({ id: 'awk-own', schema: 'Ownership', properties: { owner: [id], asset: ['awk-co'] } });
    await importEntities(app, analyst, from([entity('first'), link]), { dataset: 'awk-b', source: 'b' });
    await importEntities(app, analyst, from([entity(name)]), { dataset: 'awk-a', source: 'a' });
    const exported: { id: string; caption: string; properties: Record<string, string[]>; datasets: string[] }[] = [];
    for await (const l of exportEntities(app, analyst, { dataset: 'awk-a' })) exported.push(JSON.parse(l));
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      id,
      caption: name,
      properties: { name: [name] },
      datasets: ['awk-a', 'awk-b'],
    });
    const refs = await sql<{ refs: string[] }>`SELECT refs FROM entities WHERE id = 'awk-own'`.execute(db.db);
    expect(refs.rows[0]?.refs.sort()).toEqual(['awk-co', id].sort());
    // The screening index pages entities by id: without statistics each page is planned as a full scan.
    const stats = await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'entities'`.execute(
      db.db,
    );
    expect(stats.rows[0]!.n).toBeGreaterThan(0);
  });

  it('refuses a caseworker and a bad dataset name before reading a line', async () => {
    const ngo = await createOrganisation(app, {
      slug: 'imp-ngo',
      name: 'imp-ngo',
      kind: 'ngo',
      nationalitiesServed: [],
    });
    const caseworker = await signedInActor(app, ngo.id, ['caseworker']);
    await expect(importEntities(app, caseworker, from([line(1)]), { dataset: 'x', source: 'y' })).rejects.toThrow(
      /analysts/,
    );
    await expect(importEntities(app, analyst, from([line(1)]), { dataset: 'Bad Name', source: 'y' })).rejects.toThrow(
      /dataset name/,
    );
  });
});
