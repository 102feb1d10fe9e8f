/**
 * Signed tree heads ("checkpoints"): the tree size, its root hash and the time, signed with an
 * Ed25519 key that lives outside the database. Whoever keeps an old checkpoint can later prove that
 * the log still extends it; the database owner cannot forge a new one without the key.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Hex } from './merkle.ts';

export const CHECKPOINT_ORIGIN = 'refuge-audit-checkpoint/1';

export interface TreeHead {
  treeSize: number;
  rootHash: Hex;
  timestamp: string;
}
export interface Checkpoint extends TreeHead {
  origin: typeof CHECKPOINT_ORIGIN;
  keyId: string;
  signature: string;
}

/** The exact bytes signed: one field a line, so any tool can rebuild them. */
export function checkpointMessage(head: TreeHead): Buffer {
  return Buffer.from(`${CHECKPOINT_ORIGIN}\n${head.treeSize}\n${head.rootHash}\n${head.timestamp}\n`, 'utf8');
}

/** Short, stable name of a public key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signTreeHead(head: TreeHead, privateKey: KeyObject): Checkpoint {
  const publicKey = createPublicKey(privateKey);
  return {
    origin: CHECKPOINT_ORIGIN,
    ...head,
    keyId: keyIdOf(publicKey),
    signature: sign(null, checkpointMessage(head), privateKey).toString('base64'),
  };
}

/** True when `checkpoint` was signed by `publicKey` (a KeyObject or SPKI PEM text). */
export function verifyCheckpoint(checkpoint: Checkpoint, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (checkpoint.keyId !== keyIdOf(key)) return false;
    return verify(null, checkpointMessage(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Reads a checkpoint from untrusted JSON; null when it is not one. */
export function parseCheckpoint(value: unknown): Checkpoint | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  if (c.origin !== CHECKPOINT_ORIGIN || !Number.isSafeInteger(c.treeSize) || (c.treeSize as number) < 0) return null;
  if (typeof c.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.rootHash)) return null;
  if (typeof c.timestamp !== 'string' || typeof c.keyId !== 'string' || typeof c.signature !== 'string') return null;
  return {
    origin: CHECKPOINT_ORIGIN,
    treeSize: c.treeSize as number,
    rootHash: c.rootHash,
    timestamp: c.timestamp,
    keyId: c.keyId,
    signature: c.signature,
  };
}
