/**
 * A blocking rule's index: every record's keys as sorted integer ids and every block's members (CSR arrays), built
 * from each comparison's blocking keys without a combined string per record where the rule has parts. Blocking
 * (blocking.ts) walks it to emit pairs; training and the reach estimate ask it which key two records share first.
 */
import type { BlockingRule, KeyPart } from './blocking.ts';
import type { PreparedSet } from './prepared-set.ts';

/** A record's keys in one rule are capped: a name with many readings must not fill every block. */
export const MAX_KEYS_PER_RECORD = 32;

/** Keys of one rule for every record, as sorted integer ids (CSR), and the members of every block. */
export interface RuleIndex {
  keyOffsets: Int32Array;
  keyIds: Int32Array;
  blockOffsets: Int32Array;
  blockMembers: Int32Array;
}

/** One comparison's keys (one variant) for every record, as ids in order of first appearance (CSR). */
interface PartKeys {
  offsets: Int32Array;
  ids: Int32Array;
  distinct: number;
}

/** Per-part keys shared by the rules of one blocking run (name keys feed several rules). */
export type PartKeyCache = Map<string, PartKeys>;

function partKeys(set: PreparedSet, part: KeyPart, cache?: PartKeyCache): PartKeys {
  const cacheKey = `${part.comparison}\u0001${part.variant ?? ''}`;
  const hit = cache?.get(cacheKey);
  if (hit) return hit;
  const comp = set.comparators[part.comparison]!;
  const vals = set.values[part.comparison]!;
  const n = set.records.length;
  const ids = new Map<string, number>();
  const keyIdsOf = (v: unknown, into: number[]): void => {
    for (const k of comp.blockingKeys!(v, part.variant)) {
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      into.push(id);
    }
  };
  // Records that share a prepared value (the same spelling, the same date) share its keys: look them up
  // once per distinct value. Ids are still given in order of first appearance over records.
  const distinct = set.distinct?.[part.comparison];
  const valueIds = set.valueIds?.[part.comparison];
  const own: number[] = [];
  let perValue: Int32Array | null = null;
  let valueStart: Int32Array | null = null;
  let valueKeys: number[] | null = null;
  if (distinct && valueIds) {
    valueStart = new Int32Array(distinct.length).fill(-1);
    perValue = new Int32Array(distinct.length);
    valueKeys = [];
  }
  const offsets = new Int32Array(n + 1);
  let out = new Int32Array(Math.max(16, n));
  let len = 0;
  for (let r = 0; r < n; r++) {
    const v = vals[r];
    if (v != null) {
      own.length = 0;
      let from: number[] = own;
      let s = 0;
      let e: number;
      if (valueIds && valueStart && perValue && valueKeys) {
        const vid = valueIds[r]!;
        if (valueStart[vid] === -1) {
          valueStart[vid] = valueKeys.length;
          keyIdsOf(v, valueKeys);
          perValue[vid] = valueKeys.length - valueStart[vid]!;
        }
        from = valueKeys;
        s = valueStart[vid]!;
        e = s + perValue[vid]!;
      } else {
        keyIdsOf(v, own);
        e = own.length;
      }
      if (len + e - s > out.length) {
        const grown = new Int32Array(Math.max(out.length * 2, len + e - s));
        grown.set(out);
        out = grown;
      }
      for (let q = s; q < e; q++) out[len++] = from[q]!;
    }
    offsets[r + 1] = len;
  }
  const keys = { offsets, ids: out.subarray(0, len), distinct: ids.size };
  cache?.set(cacheKey, keys);
  return keys;
}

/**
 * Combined key ids of a spec rule, in the same order as rule.keys() yields its strings (the cartesian
 * product, capped at MAX_KEYS_PER_RECORD), as mixed-radix numbers; null when they would not fit a double.
 */
function combinedKeys(
  set: PreparedSet,
  parts: readonly KeyPart[],
  cache?: PartKeyCache,
): ((r: number, out: number[]) => void) | null {
  const ps = parts.map((p) => partKeys(set, p, cache));
  let space = 1;
  for (const p of ps) space *= Math.max(1, p.distinct);
  if (space > Number.MAX_SAFE_INTEGER) return null;
  const bufA: number[] = [];
  const bufB: number[] = [];
  return (r, out) => {
    out.length = 0;
    let acc = bufA;
    let next = bufB;
    acc.length = 0;
    acc.push(0);
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k]!;
      const s = p.offsets[r]!;
      const e = p.offsets[r + 1]!;
      if (e === s) return;
      next.length = 0;
      for (const a of acc)
        for (let q = s; q < e; q++) if (next.length < MAX_KEYS_PER_RECORD) next.push(a * p.distinct + p.ids[q]!);
      const swap = acc;
      acc = next;
      next = swap;
    }
    for (const x of acc) out.push(x);
  };
}

export function indexRule(set: PreparedSet, rule: BlockingRule, cache?: PartKeyCache): RuleIndex {
  const n = set.records.length;
  const combined = rule.parts ? combinedKeys(set, rule.parts, cache) : null;
  if (combined) {
    // Integer keys, ids given in order of first appearance exactly as for the strings.
    const ks: number[] = [];
    return keyIndex(n, (r) => {
      combined(r, ks);
      return ks;
    });
  }
  return keyIndex(n, (r) => rule.keys(set, r));
}

/** Each record's distinct key ids, sorted, ids numbered in order of first appearance. */
function keyIndex<K>(n: number, keysOf: (record: number) => readonly K[]): RuleIndex {
  const keyOffsets = new Int32Array(n + 1);
  const tmp: number[] = [];
  const own: number[] = [];
  const ids = new Map<K, number>();
  for (let r = 0; r < n; r++) {
    own.length = 0;
    for (const k of keysOf(r)) {
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      if (!own.includes(id)) own.push(id);
    }
    if (own.length > 1) own.sort((x, y) => x - y);
    for (const id of own) tmp.push(id);
    keyOffsets[r + 1] = tmp.length;
  }
  return csr(n, keyOffsets, Int32Array.from(tmp), ids.size);
}

function csr(n: number, keyOffsets: Int32Array, keyIds: Int32Array, distinct: number): RuleIndex {
  const counts = new Int32Array(distinct + 1);
  for (let i = 0; i < keyIds.length; i++) counts[keyIds[i]! + 1]!++;
  for (let k = 0; k < distinct; k++) counts[k + 1]! += counts[k]!;
  const blockOffsets = counts.slice();
  const fill = counts.slice(0, distinct);
  const blockMembers = new Int32Array(keyIds.length);
  for (let r = 0; r < n; r++)
    for (let p = keyOffsets[r]!; p < keyOffsets[r + 1]!; p++) blockMembers[fill[keyIds[p]!]!++] = r;
  return { keyOffsets, keyIds, blockOffsets, blockMembers };
}

/**
 * Smallest key id both records carry in this rule whose block is not skipped (no larger than cap), or -1.
 * A shared key in a skipped block must not hide a usable one: Min Min / Min Min share the common "t:MN"
 * (skipped) and their full-name key (kept).
 */
export function firstSharedKey(ix: RuleIndex, i: number, j: number, cap = Infinity): number {
  let p = ix.keyOffsets[i]!;
  const pe = ix.keyOffsets[i + 1]!;
  let q = ix.keyOffsets[j]!;
  const qe = ix.keyOffsets[j + 1]!;
  while (p < pe && q < qe) {
    const a = ix.keyIds[p]!;
    const b = ix.keyIds[q]!;
    if (a === b) {
      if (ix.blockOffsets[a + 1]! - ix.blockOffsets[a]! <= cap) return a;
      p++;
      q++;
    } else if (a < b) p++;
    else q++;
  }
  return -1;
}
