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

  it('re-imports an unchanged file without writing a row; a file missing a tenth marks exactly that tenth', async () => {
    const N = 2000;
    const person = (i: number, name = `Delta Person ${i}`) =>
      JSON.stringify({ id: `d-${i}`, schema: 'Person', properties: { name: [name] } });
    const lines = Array.from({ length: N }, (_, i) => person(i));
    const run = (ls: readonly string[], extra: { stopAfterLine?: number; resume?: boolean } = {}) =>
      importEntities(app, analyst, from(ls), { dataset: 'delta', source: 'file:delta', batchSize: 250, ...extra });
    // Each row's version (xmin changes whenever the row is written, on both engines).
    const versions = async () =>
      new Map(
        (
          await sql<{ id: string; v: string }>`SELECT id, xmin::text AS v FROM entities WHERE id LIKE 'd-%'`.execute(
            db.db,
          )
        ).rows.map((r) => [r.id, r.v]),
      );
    const lastSeen = async (id: string) => {
      for await (const l of exportEntities(app, analyst, { dataset: 'delta', includeDisappeared: true }))
        if (JSON.parse(l).id === id) return JSON.parse(l).last_seen as string;
      return undefined;
    };
    expect(await run(lines)).toMatchObject({ status: 'finished', imported: N, disappeared: 0 });
    const written = await versions();
    expect(written.size).toBe(N);

    app.advance(86_400_000);
    const again = await run(lines);
    expect(again).toMatchObject({ status: 'finished', imported: N, disappeared: 0 });
    expect(await versions()).toEqual(written);
    // Not rewritten, and still last seen by the import that just read it.
    const secondFinished = await sql<{
      at: string;
    }>`SELECT finished_at AS at FROM entity_imports WHERE id = ${again.importId}`.execute(db.db);
    expect(await lastSeen('d-5')).toBe(new Date(secondFinished.rows[0]!.at).toISOString());

    // Stopped halfway and resumed: the ids the first half saw still count, so nothing is marked.
    app.advance(86_400_000);
    expect(await run(lines, { stopAfterLine: N / 2 })).toMatchObject({ status: 'running', disappeared: 0 });
    expect(await run(lines, { resume: true })).toMatchObject({
      status: 'finished',
      resumedFromLine: N / 2,
      disappeared: 0,
    });
    expect(await versions()).toEqual(written);

    // 90% of the file, one of them changed: exactly the missing tenth is marked, and only it and the change are written.
    app.advance(86_400_000);
    const shorter = lines.slice(0, N * 0.9).map((l, i) => (i === 7 ? person(7, 'Delta Person Seven') : l));
    const partial = await run(shorter);
    expect(partial).toMatchObject({ status: 'finished', imported: N * 0.9, disappeared: N * 0.1 });
    const after = await versions();
    const rewritten = [...after].filter(([id, v]) => written.get(id) !== v).map(([id]) => id);
    expect(rewritten.sort()).toEqual(['d-7', ...Array.from({ length: N * 0.1 }, (_, i) => `d-${N * 0.9 + i}`)].sort());
    // A disappeared entity keeps when an import last saw it: the resumed import above, not the one that missed it.
    expect(Date.parse((await lastSeen(`d-${N - 1}`))!)).toBeLessThan(Date.parse(app.now().toISOString()));
    // Each import's seen ids go once it ends.
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM entity_import_seen`.execute(db.db);
    expect(left.rows[0]!.n).toBe(0);
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
