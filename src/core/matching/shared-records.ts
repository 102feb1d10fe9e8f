/**
 * Evidence through a shared record (dedup mode). A pair's weight judges two records alone; when records A and C are
 * each accepted with a third record B, the pair A–C asks "does A belong with B and C?". Average linkage answers it:
 * A–C is accepted when A's mean weight to {B, C} and C's mean weight to {A, B} both reach the threshold weight t, i.e.
 * w(A,C) + min(w(A,B), w(B,C)) ≥ 2t. A strong pair lends its surplus to a weak one, never more than the weaker of the
 * two accepted pairs holds, and a pair with strong evidence against it (twins, namesakes an age apart) stays apart.
 * Clusters do not change (A and C already share one through B); what changes is which pairs are reported as one
 * person. Pairs A–C that no blocking rule brought together are compared first: B found them.
 *
 * Records with more than MAX_DEGREE accepted pairs are skipped as the shared record: their pairs of pairs grow with
 * the square of the degree, and a record accepted with that many others is a hub of namesakes, not one person.
 */

import { ABSENT, PairTable } from './pair-table.ts';

export const MAX_DEGREE = 32;

/** Accepted pairs as adjacency lists in typed arrays: the records accepted with r are other[start[r]..start[r+1]). */
interface Adjacency {
  start: Int32Array;
  other: Int32Array;
}

function acceptedAdjacency(n: number, a: Int32Array, b: Int32Array, accepted: Uint8Array): Adjacency {
  const start = new Int32Array(n + 1);
  for (let p = 0; p < a.length; p++)
    if (accepted[p] === 1) {
      start[a[p]! + 1]!++;
      start[b[p]! + 1]!++;
    }
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, n);
  const other = new Int32Array(start[n]!);
  for (let p = 0; p < a.length; p++)
    if (accepted[p] === 1) {
      other[fill[a[p]!]!++] = b[p]!;
      other[fill[b[p]!]!++] = a[p]!;
    }
  return { start, other };
}

/** Calls visit(i, j, x) for every pair i < j of records accepted with a shared record x (within MAX_DEGREE). */
function forEachSharedPair(n: number, adj: Adjacency, visit: (i: number, j: number, x: number) => void): void {
  for (let x = 0; x < n; x++) {
    const from = adj.start[x]!;
    const to = adj.start[x + 1]!;
    if (to - from < 2 || to - from > MAX_DEGREE) continue;
    for (let s = from; s < to; s++)
      for (let t = s + 1; t < to; t++) {
        const i = adj.other[s]!;
        const j = adj.other[t]!;
        if (i < j) visit(i, j, x);
        else visit(j, i, x);
      }
  }
}

/** Sets the index of every pair p (a[p], b[p] in either order) the table holds, as first + p, where `probe` allows. */
function indexPairs(
  table: PairTable,
  a: Int32Array,
  b: Int32Array,
  probe: (i: number, j: number) => boolean,
  first = 0,
): void {
  for (let p = 0; p < a.length; p++) {
    const i = Math.min(a[p]!, b[p]!);
    const j = Math.max(a[p]!, b[p]!);
    if (probe(i, j)) table.update(i, j, first + p);
  }
}

/**
 * The pairs accepted on their own weight, and every pair of records accepted with a shared record (with the two
 * accepted pairs through it). Build it on the blocked pairs; compare the pairs it lists as not compared, append them
 * after the blocked pairs (add), then accept through the shared records (accept).
 */
export class SharedRecords {
  private readonly adj: Adjacency;
  /** Pair (i < j) → its index in the pairs, −1 while not compared. */
  private readonly pairs = new PairTable(Int32Array);

  constructor(
    private readonly n: number,
    a: Int32Array,
    b: Int32Array,
    accepted: Uint8Array,
  ) {
    this.adj = acceptedAdjacency(n, a, b, accepted);
    const add = (i: number, j: number) => {
      if (this.pairs.get(i, j) === ABSENT) this.pairs.set(i, j, -1);
    };
    forEachSharedPair(n, this.adj, (i, j, x) => {
      add(i, j);
      add(Math.min(i, x), Math.max(i, x));
      add(Math.min(x, j), Math.max(x, j));
    });
    // Every pair the index holds joins two records accepted with someone: skip the probe for the rest.
    const linked = (r: number) => this.adj.start[r + 1]! > this.adj.start[r]!;
    indexPairs(this.pairs, a, b, (i, j) => linked(i) && linked(j));
  }

  /** Pairs i < j that share an accepted record and were not compared: compare them before accepting through it. */
  notCompared(): { a: Int32Array; b: Int32Array } {
    const a: number[] = [];
    const b: number[] = [];
    this.pairs.forEach((i, j, p) => {
      if (p === -1) {
        a.push(i);
        b.push(j);
      }
    });
    return { a: Int32Array.from(a), b: Int32Array.from(b) };
  }

  /** The pairs listed by notCompared, now compared at indices first, first + 1, …. */
  add(a: Int32Array, b: Int32Array, first: number): void {
    indexPairs(this.pairs, a, b, () => true, first);
  }

  /**
   * Accepts (in `accepted`, in place) the pairs that average linkage through a shared record accepts, judged on the
   * pairs accepted when this was built (one pass: a pair accepted here lends nothing). Returns how many it accepted.
   */
  accept(weight: Float64Array, accepted: Uint8Array, thresholdWeight: number): number {
    const { pairs } = this;
    const weightOf = (i: number, j: number): number => weight[pairs.get(Math.min(i, j), Math.max(i, j))]!;
    const lifted: number[] = [];
    forEachSharedPair(this.n, this.adj, (i, j, x) => {
      const p = pairs.get(i, j);
      if (p < 0 || accepted[p] === 1) return;
      if (weight[p]! + Math.min(weightOf(i, x), weightOf(x, j)) >= 2 * thresholdWeight) lifted.push(p);
    });
    let count = 0;
    for (const p of lifted)
      if (accepted[p] === 0) {
        accepted[p] = 1;
        count++;
      }
    return count;
  }
}
