/**
 * Replays the log from its rows and names the first problem: a leaf-index gap (a row deleted),
 * a row whose columns no longer hash to its sealed leaf hash (edited), fewer entries than a kept
 * checkpoint vouches for (newest deleted, truncated), or a prefix that no longer reproduces a
 * signed root (history rewritten and re-hashed, a forged row inserted).
 */
import type { Checkpoint, TreeHead } from './checkpoint.ts';
import { auditLeafHash, type AuditEntry } from './entry.ts';
import { consistencyProof, treeRoot, verifyConsistency, type Hex } from './merkle.ts';

export interface LogProblem {
  seq: number | null;
  leafIndex: number | null;
  reason: string;
}

export class LogReplay {
  readonly leaves: Hex[] = [];
  problem: LogProblem | null = null;

  /** Feeds the next sealed row in leaf order; false once a problem was found. */
  add(entry: AuditEntry, storedLeafHash: Hex): boolean {
    if (this.problem) return false;
    const expected = this.leaves.length;
    if (entry.leafIndex !== expected) {
      this.problem =
        entry.leafIndex > expected
          ? {
              seq: entry.seq,
              leafIndex: expected,
              reason: `leaf index gap: entry ${expected} is missing (deleted), the next one is ${entry.leafIndex}`,
            }
          : {
              seq: entry.seq,
              leafIndex: entry.leafIndex,
              reason: `leaf index ${entry.leafIndex} appears out of order`,
            };
      return false;
    }
    const hash = auditLeafHash(entry);
    if (hash !== storedLeafHash) {
      this.problem = {
        seq: entry.seq,
        leafIndex: expected,
        reason:
          `entry ${expected} (seq ${entry.seq}) no longer matches the hash it was sealed with: ` +
          'a column was edited',
      };
      return false;
    }
    this.leaves.push(hash);
    return true;
  }
}

/** Checks a stored tree head (from the database) against the replayed leaves. */
export function checkTreeHead(leaves: readonly Hex[], head: TreeHead): LogProblem | null {
  if (head.treeSize > leaves.length) {
    return {
      seq: null,
      leafIndex: leaves.length,
      reason:
        `the latest tree head covers ${head.treeSize} entries but only ${leaves.length} sealed entries remain: ` +
        `entries were deleted`,
    };
  }
  if (head.treeSize < leaves.length) {
    return {
      seq: null,
      leafIndex: head.treeSize,
      reason:
        `${leaves.length - head.treeSize} sealed entries lie beyond the latest signed tree head ` +
        `(${head.treeSize}): inserted behind the sealer's back`,
    };
  }
  if (treeRoot(leaves, head.treeSize) !== head.rootHash) {
    return {
      seq: null,
      leafIndex: null,
      reason: `the entries do not reproduce the root of the latest tree head (size ${head.treeSize})`,
    };
  }
  return null;
}

/** Checks a kept checkpoint: the log must still hold its entries and extend it (consistency proof). */
export function checkCheckpoint(leaves: readonly Hex[], checkpoint: Checkpoint): LogProblem | null {
  if (checkpoint.treeSize > leaves.length) {
    return {
      seq: null,
      leafIndex: leaves.length,
      reason:
        `the checkpoint vouches for ${checkpoint.treeSize} entries but the log holds ${leaves.length}: the newest ` +
        `entries were deleted or the table was truncated`,
    };
  }
  if (treeRoot(leaves, checkpoint.treeSize) !== checkpoint.rootHash) {
    return {
      seq: null,
      leafIndex: null,
      reason:
        `the first ${checkpoint.treeSize} entries no longer reproduce the checkpoint's root: history was ` +
        `rewritten (an entry removed, inserted or re-hashed)`,
    };
  }
  const proof = consistencyProof(leaves, checkpoint.treeSize);
  if (!verifyConsistency(checkpoint.treeSize, leaves.length, proof, checkpoint.rootHash, treeRoot(leaves))) {
    return { seq: null, leafIndex: null, reason: 'the current tree is not consistent with the checkpoint' };
  }
  return null;
}
