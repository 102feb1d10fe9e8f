import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../testing/test-harness.ts';
import { asSystem, type Tx } from './transaction.ts';
import { writeTogether } from './write-together.ts';
import { auditAppend } from './repositories/audit.repository.ts';

/** Several writes in one statement (db/write-together.ts): each runs once, values stay with their statement. */
describe.each(DATABASE_KINDS)('writeTogether on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const organisation = (trx: Tx, id: string, slug: string, nationalities: string[]) =>
    trx
      .insertInto('organisations')
      .values({ id, slug, name: `Name of ${slug}`, kind: 'ngo', nationalities_served: nationalities, city: null })
      .compile();
  const audited = (trx: Tx, resourceId: string) =>
    auditAppend(trx, {
      actorUserId: null,
      organisationId: null,
      action: 'test.write_together',
      resourceType: 'organisation',
      resourceId,
      requestId: null,
      details: { resourceId },
    });

  it('writes every statement once, each with its own values, and runs a SELECT clause', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await asSystem(database, (trx) =>
      writeTogether(trx, [
        organisation(trx, a, 'wt-a', ['VN', 'ID']),
        null,
        organisation(trx, b, 'wt-b', []),
        audited(trx, a),
      ]),
    );
    const rows = await database.db
      .selectFrom('organisations')
      .select(['id', 'slug', 'name', 'nationalities_served'])
      .where('id', 'in', [a, b])
      .orderBy('slug')
      .execute();
    expect(rows).toEqual([
      { id: a, slug: 'wt-a', name: 'Name of wt-a', nationalities_served: ['VN', 'ID'] },
      { id: b, slug: 'wt-b', name: 'Name of wt-b', nationalities_served: [] },
    ]);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('resource_id')
      .where('action', '=', 'test.write_together')
      .execute();
    expect(audit).toEqual([{ resource_id: a }]);
  });

  it('writes nothing when one statement fails', async () => {
    const [a, taken] = [randomUUID(), randomUUID()];
    await asSystem(database, (trx) => writeTogether(trx, [organisation(trx, taken, 'wt-taken', [])]));
    await expect(
      asSystem(database, (trx) =>
        writeTogether(trx, [organisation(trx, a, 'wt-c', []), audited(trx, a), organisation(trx, taken, 'wt-d', [])]),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await database.db.selectFrom('organisations').select('id').where('id', '=', a).execute()).toEqual([]);
    const audit = await database.db.selectFrom('audit_events').select('seq').where('resource_id', '=', a).execute();
    expect(audit).toEqual([]);
  });

  it('refuses a statement with a literal in its text rather than renumber it blindly, and sends nothing', async () => {
    const id = randomUUID();
    await expect(
      asSystem(database, (trx) =>
        writeTogether(trx, [organisation(trx, id, 'wt-e', []), sql`SELECT '$1'::text`.compile(trx)]),
      ),
    ).rejects.toThrow(/values are all parameters/);
    expect(await database.db.selectFrom('organisations').select('id').where('id', '=', id).execute()).toEqual([]);
  });
});
