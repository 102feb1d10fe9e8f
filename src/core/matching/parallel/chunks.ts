/**
 * How the levels pool's two threads share a batch: each takes the next piece of pairs from a shared counter until
 * none is left, so neither waits for the other — the worker may still be preparing its copy of the values when the
 * first batch arrives, and names cost more in some blocks than in others.
 */
import type { PreparedSet } from '../prepared-set.ts';
import { computeLevels } from '../scoring.ts';

/** Pairs per piece: small enough to share out evenly, large enough that taking one costs nothing. */
export const CHUNK_PAIRS = 1 << 16;

/** Levels of the pieces of a[], b[] this thread takes from the shared counter `next`, written into `into`. */
export function computeChunks(
  set: PreparedSet,
  a: Int32Array,
  b: Int32Array,
  into: readonly Int8Array[],
  next: Int32Array,
): void {
  for (let k = Atomics.add(next, 0, 1); k * CHUNK_PAIRS < a.length; k = Atomics.add(next, 0, 1)) {
    const from = k * CHUNK_PAIRS;
    const to = Math.min(a.length, from + CHUNK_PAIRS);
    computeLevels(set, a.subarray(from, to), b.subarray(from, to), { into: into.map((col) => col.subarray(from, to)) });
  }
}
