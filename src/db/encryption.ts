import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/**
 * Authenticated encryption of sensitive fields (AES-256-GCM). Envelope: `v1.<kid>.<base64url(iv|tag|ciphertext)>`.
 * The caller's context string (table, column, row id) is bound as additional authenticated data,
 * so a ciphertext copied into another row or column fails to decrypt instead of leaking.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  get primaryKeyId(): string {
    return this.keyring.primary.kid;
  }

  encrypt(plaintext: string | Uint8Array, context: string): string {
    const key = this.keyring.primary;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([
      cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
      cipher.final(),
    ]);
    return `v1.${key.kid}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decryptBytes(envelope: string, context: string): Buffer {
    const [version, kid, data] = envelope.split('.');
    if (version !== 'v1' || !kid || !data) throw new Error('not an encrypted envelope');
    const key = this.keyring.find(kid);
    if (!key) throw new Error(`encryption key ${kid} is not in the keyring`);
    const raw = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }

  decrypt(envelope: string, context: string): string {
    return this.decryptBytes(envelope, context).toString('utf8');
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(envelope: string, context: string): T {
    return JSON.parse(this.decrypt(envelope, context)) as T;
  }

  /** The key id an envelope was written with (for rotation progress). */
  static keyIdOf(envelope: string): string | null {
    const [version, kid] = envelope.split('.');
    return version === 'v1' && kid ? kid : null;
  }
}
