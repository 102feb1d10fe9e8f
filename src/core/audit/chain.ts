import { createHash } from 'node:crypto';

/** What an audit event records. `details` must never hold survivor-identifying values. */
export interface AuditRecord {
  at: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON (keys sorted at every level) so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash + payload, 'utf8').digest('hex');
}

export interface StoredAuditRow {
  seq: number;
  payload: string;
  prevHash: string;
  hash: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Walks rows in sequence order and returns the first broken link: a payload that no longer hashes
 * to its stored hash (edited), a prev_hash that does not match the previous row (removed or
 * reordered), or indexed columns that disagree with the hashed payload.
 * `expectedPrev` lets a caller verify in pages.
 */
export function findChainBreak(rows: Iterable<StoredAuditRow>, expectedPrev = GENESIS_HASH): { break: ChainBreak | null; lastHash: string; count: number } {
  let prev = expectedPrev;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev) return { break: { seq: row.seq, reason: 'previous hash does not match the row before it (a row was removed or reordered)' }, lastHash: prev, count };
    if (chainHash(row.prevHash, row.payload) !== row.hash) return { break: { seq: row.seq, reason: 'contents do not match the stored hash (the row was edited)' }, lastHash: prev, count };
    let parsed: Partial<AuditRecord>;
    try { parsed = JSON.parse(row.payload) as Partial<AuditRecord>; } catch { return { break: { seq: row.seq, reason: 'payload is not valid JSON' }, lastHash: prev, count }; }
    if (parsed.action !== row.action || parsed.resourceType !== row.resourceType || (parsed.resourceId ?? null) !== row.resourceId) {
      return { break: { seq: row.seq, reason: 'indexed columns disagree with the hashed payload (the row was edited)' }, lastHash: prev, count };
    }
    prev = row.hash;
  }
  return { break: null, lastHash: prev, count };
}
