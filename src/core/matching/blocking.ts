/**
 * Blocking: rules map a record to key(s); records sharing a key in any rule (rules OR-ed) become
 * candidate pairs. Pairs found by several rules, or by several keys of one rule, are emitted once:
 * a pair is kept only by the first rule, and the smallest key, that produce it.
 */
import type { PreparedSet } from './prepared-set.ts';
import { PairBuffer } from './pair-buffer.ts';
import type { ProgressFn } from './types.ts';

export interface BlockingRule {
  readonly name: string;
  /** Comparisons that agree on every pair of this rule: held fixed when EM trains on its pairs. */
  readonly comparisons: readonly string[];
  /** Blocks larger than this are skipped for this rule (overrides the global limit). */
  readonly maxBlockSize?: number;
  keys(set: PreparedSet, record: number): string[];
}

/** Serialisable rule: the records' blocking keys of the named comparisons, combined (AND). */
export interface BlockingRuleSpec {
  name?: string;
  on: (string | { comparison: string; variant?: string })[];
  maxBlockSize?: number;
}

const MAX_KEYS_PER_RECORD = 32;

export function blockingRuleFromSpec(spec: BlockingRuleSpec, set: Pick<PreparedSet, 'comparators'>): BlockingRule {
  const parts = spec.on.map((p) => (typeof p === 'string' ? { comparison: p, variant: undefined } : p));
  const idx = parts.map((p) => {
    const i = set.comparators.findIndex((c) => c.name === p.comparison);
    if (i < 0) throw new Error(`blocking rule refers to unknown comparison "${p.comparison}"`);
    const comp = set.comparators[i]!;
    if (!comp.blockingKeys) throw new Error(`comparison "${p.comparison}" has no blocking keys`);
    if (p.variant !== undefined && !(comp.blockingVariants ?? []).includes(p.variant)) {
      const known = comp.blockingVariants?.length ? comp.blockingVariants.join(', ') : 'none';
      throw new Error(`comparison "${p.comparison}" has no key variant "${p.variant}" (known: ${known})`);
    }
    return i;
  });
  const name = spec.name ?? parts.map((p) => (p.variant ? `${p.comparison}.${p.variant}` : p.comparison)).join('+');
  return {
    name,
    comparisons: parts.map((p) => p.comparison),
    maxBlockSize: spec.maxBlockSize,
    keys(s, r) {
      let acc: string[] = [''];
      for (let k = 0; k < parts.length; k++) {
        const c = s.comparators[idx[k]!]!;
        const v = s.values[idx[k]!]![r];
        if (v == null) return [];
        const ks = c.blockingKeys!(v, parts[k]!.variant);
        if (ks.length === 0) return [];
        const next: string[] = [];
        for (const a of acc)
          for (const b of ks) if (next.length < MAX_KEYS_PER_RECORD) next.push(k === 0 ? b : `${a}\u0001${b}`);
        acc = next;
      }
      return acc;
    },
  };
}

/** Keys of one rule for every record, as sorted integer ids (CSR), and the members of every block. */
export interface RuleIndex {
  keyOffsets: Int32Array;
  keyIds: Int32Array;
  blockOffsets: Int32Array;
  blockMembers: Int32Array;
}

export function indexRule(set: PreparedSet, rule: BlockingRule): RuleIndex {
  const n = set.records.length;
  const ids = new Map<string, number>();
  const keyOffsets = new Int32Array(n + 1);
  const tmp: number[] = [];
  for (let r = 0; r < n; r++) {
    const ks = rule.keys(set, r);
    const own: number[] = [];
    for (const k of ks) {
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      if (!own.includes(id)) own.push(id);
    }
    own.sort((x, y) => x - y);
    for (const id of own) tmp.push(id);
    keyOffsets[r + 1] = tmp.length;
  }
  const keyIds = Int32Array.from(tmp);
  const counts = new Int32Array(ids.size + 1);
  for (let i = 0; i < keyIds.length; i++) counts[keyIds[i]! + 1]!++;
  for (let k = 0; k < ids.size; k++) counts[k + 1]! += counts[k]!;
  const blockOffsets = counts.slice();
  const fill = counts.slice(0, ids.size);
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

export interface RulePairCount {
  rule: string;
  pairs: number;
  newPairs: number;
  skippedBlocks: number;
}
export interface BlockingResult {
  a: Int32Array;
  b: Int32Array;
  /** Index of the rule that produced each pair. */
  rule: Uint8Array;
  perRule: RulePairCount[];
  total: number;
  /** Per rule, the records' keys and blocks (lets training find every pair a rule covers). */
  indexes: RuleIndex[];
}

export interface BlockingOptions {
  /** Blocks larger than this are skipped (a key shared by too many records says little). */
  maxBlockSize?: number;
  /** false: count only, store nothing. */
  collect?: boolean;
  /** Keep about this many pairs, evenly spread (used to sample EM training pairs). */
  limit?: number;
  onProgress?: ProgressFn;
}

/** Raw pair count of one rule's blocks (pairs before de-duplication across rules). */
function rawCount(ix: RuleIndex, side: Uint8Array | null, maxBlock: number): { pairs: number; skipped: number } {
  let pairs = 0;
  let skipped = 0;
  for (let k = 0; k + 1 < ix.blockOffsets.length; k++) {
    const s = ix.blockOffsets[k]!;
    const e = ix.blockOffsets[k + 1]!;
    const size = e - s;
    if (size < 2) continue;
    if (size > maxBlock) {
      skipped++;
      continue;
    }
    if (side) {
      let left = 0;
      for (let p = s; p < e; p++) if (side[ix.blockMembers[p]!] === 0) left++;
      pairs += left * (size - left);
    } else pairs += (size * (size - 1)) / 2;
  }
  return { pairs, skipped };
}

export function blockPairs(
  set: PreparedSet,
  rules: readonly BlockingRule[],
  options: BlockingOptions = {},
): BlockingResult {
  if (rules.length > 255) throw new RangeError('at most 255 blocking rules');
  const maxBlock = options.maxBlockSize ?? 5000;
  const collect = options.collect !== false;
  const buf = new PairBuffer(collect ? 1 << 16 : 1);
  const indexes: RuleIndex[] = [];
  const perRule: RulePairCount[] = [];
  const side = set.side;
  const ruleRaw: number[] = [];
  for (let r = 0; r < rules.length; r++) {
    options.onProgress?.({ phase: 'blocking:index', done: r, total: rules.length });
    indexes.push(indexRule(set, rules[r]!));
    ruleRaw.push(rawCount(indexes[r]!, side, rules[r]!.maxBlockSize ?? maxBlock).pairs);
  }
  const caps = rules.map((rule) => rule.maxBlockSize ?? maxBlock);
  const rawTotal = ruleRaw.reduce((x, y) => x + y, 0);
  const stride = options.limit && rawTotal > options.limit ? rawTotal / options.limit : 1;
  let seen = 0;
  let nextTake = 0;
  let total = 0;
  for (let r = 0; r < rules.length; r++) {
    const ix = indexes[r]!;
    const cap = caps[r]!;
    const { skipped } = rawCount(ix, side, cap);
    let fresh = 0;
    const nBlocks = ix.blockOffsets.length - 1;
    for (let k = 0; k < nBlocks; k++) {
      const s = ix.blockOffsets[k]!;
      const e = ix.blockOffsets[k + 1]!;
      if (e - s < 2 || e - s > cap) continue;
      for (let p = s; p < e; p++) {
        const i = ix.blockMembers[p]!;
        for (let q = p + 1; q < e; q++) {
          const j = ix.blockMembers[q]!;
          if (side && side[i] === side[j]) continue;
          if (stride > 1) {
            seen++;
            if (seen < nextTake) continue;
            nextTake += stride;
          }
          if (firstSharedKey(ix, i, j, cap) !== k) continue;
          let earlier = false;
          for (let r0 = 0; r0 < r && !earlier; r0++) earlier = firstSharedKey(indexes[r0]!, i, j, caps[r0]!) >= 0;
          if (earlier) continue;
          fresh++;
          if (collect) {
            if (side && side[i] === 1) buf.push(j, i, r);
            else buf.push(i, j, r);
          }
        }
      }
    }
    total += fresh;
    perRule.push({ rule: rules[r]!.name, pairs: ruleRaw[r]!, newPairs: fresh, skippedBlocks: skipped });
    options.onProgress?.({ phase: 'blocking:pairs', done: r + 1, total: rules.length });
  }
  const { a, b, tag } = buf.view();
  return { a, b, rule: tag, perRule, total, indexes };
}

/** "N pairs would be compared": counts per rule and in total, without storing or comparing pairs. */
export function countPairs(
  set: PreparedSet,
  rules: readonly BlockingRule[],
  options: Omit<BlockingOptions, 'collect'> = {},
): { perRule: RulePairCount[]; total: number } {
  const { perRule, total } = blockPairs(set, rules, { ...options, collect: false });
  return { perRule, total };
}
