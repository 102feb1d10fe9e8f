import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './data-dir.ts';

export interface KeyEntry {
  kid: string;
  key: Buffer;
}

/** The data-encryption keys: one primary for new writes, older ones kept to read until rotation. */
export class Keyring {
  constructor(readonly keys: readonly KeyEntry[]) {
    if (keys.length === 0) throw new Error('a keyring needs at least one key');
  }
  get primary(): KeyEntry {
    return this.keys[0]!; // the constructor refuses an empty keyring
  }
  find(kid: string): KeyEntry | undefined {
    return this.keys.find((k) => k.kid === kid);
  }
}

/** A key from operator text: 32 bytes as base64 or hex, or any passphrase of 32+ characters (hashed). */
export function keyFromSecret(secret: string): KeyEntry {
  const trimmed = secret.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else {
    const b64 = Buffer.from(trimmed, 'base64');
    if (b64.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) key = b64;
  }
  if (!key) {
    if (trimmed.length < 32)
      throw new Error('REFUGE_SECRET_KEY must be 32 bytes (base64 or hex) or a passphrase of at least 32 characters');
    key = createHash('sha256').update(trimmed, 'utf8').digest();
  }
  return { kid: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

const KEYRING_FILE = 'keyring.json';

/**
 * Loads the keyring: from REFUGE_SECRET_KEY (+ REFUGE_PREVIOUS_KEYS, comma-separated) when set,
 * otherwise from `<dataDir>/keyring.json`, generating it once with owner-only permissions.
 */
export function loadKeyring(env: { secretKey?: string; previousKeys?: string; dataDir?: string }): Keyring {
  if (env.secretKey) {
    const previous = (env.previousKeys ?? '')
      .split(',')
      .filter((s) => s.trim())
      .map(keyFromSecret);
    return new Keyring([keyFromSecret(env.secretKey), ...previous]);
  }
  if (!env.dataDir) throw new Error('no REFUGE_SECRET_KEY and no data directory to keep a generated key in');
  ensurePrivateDir(env.dataDir);
  const file = join(env.dataDir, KEYRING_FILE);
  if (!existsSync(file)) writeKeyringFile(env.dataDir, [generateKey()]);
  chmodSync(file, 0o600);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys: { kid: string; key: string }[] };
  return new Keyring(parsed.keys.map((k) => ({ kid: k.kid, key: Buffer.from(k.key, 'base64') })));
}

export function generateKey(): KeyEntry {
  const key = randomBytes(32);
  return { kid: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** Atomically replaces the keyring file (write to a temporary file, then rename), mode 0600. */
export function writeKeyringFile(dataDir: string, keys: readonly KeyEntry[]): void {
  const file = join(dataDir, KEYRING_FILE);
  ensurePrivateDir(dataDir);
  const tmp = `${file}.tmp`;
  writeFileSync(
    tmp,
    JSON.stringify({ keys: keys.map((k) => ({ kid: k.kid, key: k.key.toString('base64') })) }, null, 2),
    { mode: 0o600 },
  );
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function isFileKeyring(env: { secretKey?: string }): boolean {
  return !env.secretKey;
}
