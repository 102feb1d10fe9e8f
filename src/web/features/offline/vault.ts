/**
 * The field device's encryption (issue #15), WebCrypto only: a key derived from the worker's PIN with PBKDF2-SHA-256
 * (600 000 iterations, a random 16-byte salt per device), AES-256-GCM with a random 96-bit IV per record, and the
 * record's id bound as additional data so a ciphertext moved to another record fails to open. The PIN is never
 * stored; the key is non-extractable and lives only in memory while the queue is unlocked. A wrong PIN is told apart
 * by a sealed verifier, which opens only under the right key.
 */
export const PBKDF2_ITERATIONS = 600_000;
const VERIFIER_TEXT = 'refuge-field-outbox-v1';
const VERIFIER_AAD = 'verifier';

export interface Sealed {
  readonly iv: string;
  readonly data: string;
}

const toB64 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromB64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function newSalt(): string {
  return toB64(crypto.getRandomValues(new Uint8Array(16)));
}

export async function deriveKey(pin: string, salt: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(pin.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromB64(salt), iterations: PBKDF2_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, value: unknown, aad: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv: toB64(iv), data: toB64(new Uint8Array(data)) };
}

/** Throws when the key is wrong or the record was altered or moved. */
export async function open<T>(key: CryptoKey, sealed: Sealed, aad: string): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromB64(sealed.iv), additionalData: new TextEncoder().encode(aad) },
    key,
    fromB64(sealed.data),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

export const sealVerifier = (key: CryptoKey): Promise<Sealed> => seal(key, VERIFIER_TEXT, VERIFIER_AAD);

export async function verifies(key: CryptoKey, verifier: Sealed): Promise<boolean> {
  try {
    return (await open<string>(key, verifier, VERIFIER_AAD)) === VERIFIER_TEXT;
  } catch {
    return false;
  }
}

/** A PIN the worker can type on a phone in a hurry, long enough that the 600 000 iterations matter. */
export function pinProblem(pin: string): 'too_short' | null {
  return pin.length < 6 ? 'too_short' : null;
}
