/**
 * One audit entry as a leaf of the transparency log. The leaf hash covers EVERY column of the
 * row (leaf index, sequence number, time, actor, organisation, action, resource, request, details),
 * so editing any of them, or moving a row to another position, changes the tree.
 */
import { leafHash, type Hex } from './merkle.ts';

/** What an audit event records. `details` must never hold survivor-identifying values. */
export interface AuditEntry {
  /** Position in the tree, assigned by the sealer; contiguous from 0. */
  leafIndex: number;
  /** Row identity, assigned at append (gaps are normal: rolled-back appends). */
  seq: number;
  /** Database clock, microseconds, UTC: `2026-02-15T08:00:00.123456Z`. */
  at: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** Canonical JSON (keys sorted at every level) so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes a leaf hashes: a versioned JSON array in fixed column order. */
export function encodeAuditEntry(e: AuditEntry): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson([
      'refuge-audit/1',
      e.leafIndex,
      e.seq,
      e.at,
      e.actorUserId,
      e.organisationId,
      e.action,
      e.resourceType,
      e.resourceId,
      e.requestId,
      e.details,
    ]),
  );
}

export function auditLeafHash(e: AuditEntry): Hex {
  return leafHash(encodeAuditEntry(e));
}
