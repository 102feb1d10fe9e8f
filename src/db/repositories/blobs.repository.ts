/** Stored files: the only SQL touching the blobs table (the bytes live in the blob store). */
import type { Selectable } from 'kysely';
import type { BlobsTable } from '../schema.ts';
import type { Queryable } from '../transaction.ts';

export type BlobRow = Selectable<BlobsTable>;

export async function blobExists(trx: Queryable, sha256: string): Promise<boolean> {
  return !!(await trx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
}

export async function insertBlob(
  trx: Queryable,
  b: { sha256: string; size: number; contentType: string; keyEnc: string },
): Promise<void> {
  await trx
    .insertInto('blobs')
    .values({ sha256: b.sha256, size: b.size, content_type: b.contentType, key_enc: b.keyEnc })
    .execute();
}

/**
 * Claims a content address: true when this transaction inserted the row. When another transaction is inserting the
 * same file at the same time, waits for it (unique index) and answers false once it committed.
 */
export async function claimBlob(
  trx: Queryable,
  b: { sha256: string; size: number; contentType: string; keyEnc: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('blobs')
    .values({ sha256: b.sha256, size: b.size, content_type: b.contentType, key_enc: b.keyEnc })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('sha256')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The wrapped data key and content type of a file, or undefined when no such row. */
export async function findBlobKey(
  trx: Queryable,
  sha256: string,
): Promise<Pick<BlobRow, 'key_enc' | 'content_type'> | undefined> {
  return trx.selectFrom('blobs').select(['key_enc', 'content_type']).where('sha256', '=', sha256).executeTakeFirst();
}
