/**
 * Chain of custody: who did what to an evidence item, when. Entries are append-only; each
 * carries the hash of the previous one so a gap or an edit shows (the audit log does the same
 * for the whole system). The service stores them; this builds and checks them.
 */
import { sha256Hex } from './sha256.ts';

/** Custody actions (specific to evidence; candidates for vocabulary.ts when other layers need them). */
export const CUSTODY_ACTIONS = [
  'ingested',
  'accessed',
  'exported',
  'annotated',
  'verification',
  'retracted',
  'linked',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export type CustodyDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface CustodyEntry {
  evidenceId: string;
  actorId: string;
  action: CustodyAction;
  /** ISO timestamp passed in by the caller. */
  at: string;
  details: CustodyDetails;
  /** Hash of the previous entry for this item, null for the first. */
  previousHash: string | null;
  /** SHA-256 over this entry's canonical form (previousHash included). */
  hash: string;
}

export interface CustodyEntryInput {
  evidenceId: string;
  actorId: string;
  action: CustodyAction;
  at: string;
  details?: CustodyDetails;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Stable JSON: keys sorted, so the same entry always hashes the same. */
function canonical(entry: Omit<CustodyEntry, 'hash'>): string {
  const details = Object.keys(entry.details)
    .sort()
    .map((k) => [k, entry.details[k]]);
  return JSON.stringify([entry.evidenceId, entry.actorId, entry.action, entry.at, details, entry.previousHash]);
}

export type CustodyEntryResult = { ok: true; entry: CustodyEntry } | { ok: false; reason: string };

/** Builds the next entry after `previous` (null for the first). */
export function buildCustodyEntry(input: CustodyEntryInput, previous: CustodyEntry | null): CustodyEntryResult {
  if (!input.evidenceId) return { ok: false, reason: 'evidenceId is required' };
  if (!input.actorId) return { ok: false, reason: 'actorId is required' };
  if (!CUSTODY_ACTIONS.includes(input.action))
    return { ok: false, reason: `unknown custody action ${JSON.stringify(input.action)}` };
  if (!ISO_TIMESTAMP.test(input.at) || Number.isNaN(Date.parse(input.at)))
    return { ok: false, reason: 'at must be an ISO 8601 timestamp with a time zone' };
  if (previous) {
    if (previous.evidenceId !== input.evidenceId)
      return { ok: false, reason: 'previous entry belongs to another evidence item' };
    if (Date.parse(input.at) < Date.parse(previous.at))
      return { ok: false, reason: 'custody entries must not go back in time' };
  }
  const body = {
    evidenceId: input.evidenceId,
    actorId: input.actorId,
    action: input.action,
    at: input.at,
    details: { ...(input.details ?? {}) },
    previousHash: previous ? previous.hash : null,
  };
  return { ok: true, entry: { ...body, hash: sha256Hex(new TextEncoder().encode(canonical(body))) } };
}

/** Index of the first entry that breaks the chain (edited, removed or reordered), or -1 when intact. */
export function findCustodyChainBreak(entries: readonly CustodyEntry[]): number {
  let expectedPrevious: string | null = null;
  for (const [i, e] of entries.entries()) {
    if (e.previousHash !== expectedPrevious) return i;
    const { hash, ...body } = e;
    if (sha256Hex(new TextEncoder().encode(canonical(body))) !== hash) return i;
    expectedPrevious = hash;
  }
  return -1;
}
