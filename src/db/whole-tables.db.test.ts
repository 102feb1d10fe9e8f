import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../testing/test-harness.ts';
import {
  advanceSerialSequences,
  insertTableRows,
  primaryKeyColumns,
  readTablePage,
} from './repositories/whole-tables.repository.ts';

const PROBE = sql`CREATE TABLE restore_probe (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text NOT NULL)`;

/** Backup, restore and `db copy` move rows as they were: identity columns GENERATED ALWAYS included. */
describe.each(DATABASE_KINDS)('copying whole tables on %s', (kind) => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
  });

  it('keeps the values of an always-generated identity column and moves its sequence on', async () => {
    await PROBE.execute(source.db);
    await PROBE.execute(target.db);
    await sql`INSERT INTO restore_probe (v) VALUES ('a'), ('b'), ('c')`.execute(source.db);
    await sql`DELETE FROM restore_probe WHERE v = 'a'`.execute(source.db);
    const key = await primaryKeyColumns(source.db, 'restore_probe');
    const page = await readTablePage(source.db, 'restore_probe', key, null, 100);
    await insertTableRows(target.db, 'restore_probe', `[${page.rows.join(',')}]`);
    await advanceSerialSequences(target.db);
    await sql`INSERT INTO restore_probe (v) VALUES ('d')`.execute(target.db);
    const { rows } = await sql<{ seq: string; v: string }>`SELECT seq, v FROM restore_probe ORDER BY seq`.execute(
      target.db,
    );
    expect(rows.map((r) => [Number(r.seq), r.v])).toEqual([
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });
});
