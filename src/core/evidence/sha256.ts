/**
 * SHA-256 of original evidence bytes. The hex digest is the storage key of the original
 * (never the file name), so the same bytes uploaded twice land on the same key.
 * node:crypto hashing is pure computation, allowed in core.
 */
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Incremental hashing for uploads streamed in chunks (large videos are never held whole). */
export interface Sha256Stream {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

export function createSha256Stream(): Sha256Stream {
  const hash = createHash('sha256');
  return {
    update: (chunk) => void hash.update(chunk),
    digestHex: () => hash.digest('hex'),
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/**
 * Where the untouched original lives: content-addressed and fanned out by the first bytes so
 * no directory grows huge. Working copies (thumbnails, transcodes) live elsewhere.
 */
export function originalStorageKey(sha256: string): string {
  if (!isSha256Hex(sha256)) throw new RangeError('originalStorageKey expects a lowercase SHA-256 hex digest');
  return `originals/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Same bytes → same key: the helper the upload service uses to spot an exact duplicate. */
export function duplicateKey(bytes: Uint8Array): string {
  return originalStorageKey(sha256Hex(bytes));
}
