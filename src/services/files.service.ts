import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sha256Hex } from '../db/blob-store.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import { claimBlob, findBlobKey } from '../db/repositories/blobs.repository.ts';
import type { Queryable } from '../db/transaction.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';

/**
 * Files at rest: each file gets its own random data key (AES-256-GCM); the data key is stored
 * encrypted under the keyring in `blobs.key_enc`, so rotating the master key rewraps small keys
 * and never rewrites file bytes. Content-addressed by the SHA-256 of the original bytes.
 */
export async function storeFile(
  app: AppContext,
  trx: Queryable,
  bytes: Uint8Array,
  contentType: string,
): Promise<{ sha256: string; size: number; duplicate: boolean }> {
  const sha256 = sha256Hex(bytes);
  // The row is claimed first (two uploads of the same bytes at once: the second waits for the first and then finds
  // its row), so the bytes on disk are always encrypted under the key the committed row holds. They are written
  // before this transaction commits: a crash in between leaves an orphan file, never a committed row without bytes.
  let dataKey: Buffer = randomBytes(32);
  const claimed = await claimBlob(trx, {
    sha256,
    size: bytes.length,
    contentType,
    keyEnc: app.cipher.encrypt(dataKey, encryptionContext('blobs', 'key_enc', sha256)),
  });
  if (!claimed) {
    if (await app.blobs.has(sha256)) return { sha256, size: bytes.length, duplicate: true };
    // A row whose bytes went missing: write them again under the row's own key.
    const row = await findBlobKey(trx, sha256);
    if (!row) throw notFound('file');
    dataKey = app.cipher.decryptBytes(row.key_enc, encryptionContext('blobs', 'key_enc', sha256));
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(sha256));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  await app.blobs.put(sha256, Buffer.concat([iv, cipher.getAuthTag(), body]));
  return { sha256, size: bytes.length, duplicate: false };
}

export async function readFileBytes(
  app: AppContext,
  trx: Queryable,
  sha256: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const row = await findBlobKey(trx, sha256);
  const stored = row ? await app.blobs.get(sha256) : null;
  if (!row || !stored) throw notFound('file');
  const dataKey = app.cipher.decryptBytes(row.key_enc, encryptionContext('blobs', 'key_enc', sha256));
  const raw = Buffer.from(stored);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(sha256));
  decipher.setAuthTag(raw.subarray(12, 28));
  return { bytes: Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]), contentType: row.content_type };
}
