import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { DEMO_PASSWORD } from '../core/demo/index.ts';

// argon2id with the library's defaults (19 MiB, 2 passes): about 10–15 ms a hash on this class of machine.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('decoy-password-never-used');
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/**
 * Passwords nobody may choose: the ~49,000 most common passwords of public breach corpora, shipped
 * inside `@zxcvbn-ts/language-common` (a maintained package; no network at run time), plus words
 * that attackers try first against this product (its name and the public demo password).
 */
let known: Set<string> | undefined;
function knownPasswords(): Set<string> {
  known ??= new Set(
    [...dictionary['passwords-common'], 'refuge', 'refugee', 'shelter', 'survivor', DEMO_PASSWORD].map((p) =>
      p.toLowerCase(),
    ),
  );
  return known;
}

/**
 * Why a new password is refused, or null when it is fine. Checked: the minimum length, the common
 * and breached list, and the usual ways of stretching a listed password past the minimum (case,
 * digits or symbols around it, repeating it, a year on the end), and the account's own email.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `use at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const list = knownPasswords();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const repeated = /^(.{1,6}?)\1+$/u.exec(lower);
  if (
    list.has(lower) ||
    list.has(lower.replace(/\s+/g, '')) ||
    (core.length > 0 && list.has(core)) ||
    repeated !== null ||
    (words.length > 0 && words.every((w) => list.has(w) || /^\d+$/.test(w)) && new Set(words).size < 3)
  ) {
    return 'this password is on the list of common or breached passwords; choose a longer phrase of your own';
  }
  if (email) {
    const local = email.toLowerCase().split('@')[0]!; // split yields at least one part
    if (local.length >= 4 && lower.includes(local)) return 'do not use your email address in your password';
  }
  return null;
}
