/**
 * The audit log's Ed25519 signing key and the checkpoint directory. The key is deliberately NOT in
 * the database: whoever controls the database (its owner, a hosting provider) can then rewrite rows
 * but cannot sign a tree head over the rewritten history.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, type Checkpoint } from '../core/audit/checkpoint.ts';

export interface AuditKeys {
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** Where signed checkpoints are written (null: not written, e.g. in tests). */
  readonly checkpointDir: string | null;
}

export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

/** An Ed25519 private key from operator text: PKCS#8 PEM, or its DER as base64. */
export function auditKeyFromText(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  const key = trimmed.startsWith('-----')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('REFUGE_AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM or base64 DER)');
  return key;
}

export function auditKeysFrom(signingKey: KeyObject, checkpointDir: string | null): AuditKeys {
  const publicKey = createPublicKey(signingKey);
  return { signingKey, publicKey, keyId: keyIdOf(publicKey), checkpointDir };
}

/** A fresh key held only in memory (tests, throw-away deployments). */
export function ephemeralAuditKeys(checkpointDir: string | null = null): AuditKeys {
  return auditKeysFrom(generateKeyPairSync('ed25519').privateKey, checkpointDir);
}

/**
 * REFUGE_AUDIT_SIGNING_KEY when set, otherwise `<dataDir>/audit-signing-key.pem`, generated once
 * with owner-only permissions. Checkpoints go to REFUGE_CHECKPOINT_DIR or `<dataDir>/checkpoints`,
 * where the public key is also written for verifiers.
 */
export function loadAuditKeys(env: { signingKey?: string; checkpointDir?: string; dataDir: string }): AuditKeys {
  let key: KeyObject;
  if (env.signingKey) key = auditKeyFromText(env.signingKey);
  else {
    const file = join(env.dataDir, AUDIT_KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      writeFileSync(`${file}.tmp`, pem, { mode: 0o600 });
      chmodSync(`${file}.tmp`, 0o600);
      renameSync(`${file}.tmp`, file);
    }
    key = auditKeyFromText(readFileSync(file, 'utf8'));
  }
  const keys = auditKeysFrom(key, env.checkpointDir ?? join(env.dataDir, 'checkpoints'));
  return keys;
}

/**
 * Writes a signed checkpoint: `latest.json` (replaced atomically) and one line appended to
 * `checkpoints.ndjson`, plus `audit-public-key.pem` the first time.
 */
export function writeCheckpointFiles(keys: AuditKeys, checkpoint: Checkpoint): string | null {
  if (!keys.checkpointDir) return null;
  mkdirSync(keys.checkpointDir, { recursive: true, mode: 0o700 });
  const pub = join(keys.checkpointDir, 'audit-public-key.pem');
  if (!existsSync(pub))
    writeFileSync(pub, keys.publicKey.export({ type: 'spki', format: 'pem' }) as string, { mode: 0o644 });
  const latest = join(keys.checkpointDir, 'latest.json');
  const text = JSON.stringify(checkpoint);
  writeFileSync(`${latest}.${process.pid}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${latest}.${process.pid}.tmp`, latest);
  appendFileSync(join(keys.checkpointDir, 'checkpoints.ndjson'), `${text}\n`, { mode: 0o644 });
  return latest;
}

export function publicKeyPem(keys: AuditKeys): string {
  return keys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
}
