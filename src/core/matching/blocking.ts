/**
 * Blocking: rules map a record to key(s); records sharing a key in any rule (rules OR-ed) become
 * candidate pairs. Pairs found by several rules, or by several keys of one rule, are emitted once:
 * a pair is kept only by the first rule, and the smallest key, that produce it.
 */
import { crossedPairs } from './crossed.ts';
import type { PreparedSet } from './prepared-set.ts';
import { PairBuffer } from './pair-buffer.ts';
import type { ProgressFn } from './types.ts';
import { firstSharedKey, indexRule, MAX_KEYS_PER_RECORD, type PartKeyCache, type RuleIndex } from './rule-index.ts';

export interface BlockingRule {
  readonly name: string;
  /** Comparisons that agree on every pair of this rule: held fixed when EM trains on its pairs. */
  readonly comparisons: readonly string[];
  /** Blocks larger than this are skipped for this rule (overrides the global limit). */
  readonly maxBlockSize?: number;
  keys(set: PreparedSet, record: number): string[];
  /**
   * Rules built from a spec: the comparisons (by index) and key variants whose keys `keys` combines.
   * Lets indexing work on integer key ids instead of building a combined string per record.
   */
  readonly parts?: readonly KeyPart[];
}

export interface KeyPart {
  readonly comparison: number;
  readonly variant?: string;
}

/** Serialisable rule: the records' blocking keys of the named comparisons, combined (AND). */
export interface BlockingRuleSpec {
  name?: string;
  on: (string | { comparison: string; variant?: string })[];
  maxBlockSize?: number;
}

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
  // A given name and a family name (crossed.ts) with the same kind of key: the key ignores which column holds
  // which name, so Logan Ferguson meets Ferguson Logan (string keys: the two parts must share one key space).
  const [g, f] = idx;
  const crossed =
    parts.length === 2 &&
    parts[0]!.variant === parts[1]!.variant &&
    crossedPairs(set.comparators).some(([x, y]) => (x === g && y === f) || (x === f && y === g));
  if (crossed) {
    return {
      name,
      comparisons: parts.map((p) => p.comparison),
      maxBlockSize: spec.maxBlockSize,
      keys(s, r) {
        const vg = s.values[g!]![r];
        const vf = s.values[f!]![r];
        if (vg == null || vf == null) return [];
        const kg = s.comparators[g!]!.blockingKeys!(vg, parts[0]!.variant);
        const kf = s.comparators[f!]!.blockingKeys!(vf, parts[1]!.variant);
        const out: string[] = [];
        for (const x of kg)
          for (const y of kf)
            if (out.length < MAX_KEYS_PER_RECORD) out.push(x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`);
        return out;
      },
    };
  }
  return {
    name,
    comparisons: parts.map((p) => p.comparison),
    maxBlockSize: spec.maxBlockSize,
    parts: parts.map((p, k) => ({ comparison: idx[k]!, variant: p.variant })),
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

/** Blocks larger than this are skipped when neither the rule nor the settings say otherwise. */
export const DEFAULT_MAX_BLOCK_SIZE = 5000;

export function blockPairs(
  set: PreparedSet,
  rules: readonly BlockingRule[],
  options: BlockingOptions = {},
): BlockingResult {
  if (rules.length > 255) throw new RangeError('at most 255 blocking rules');
  const maxBlock = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  const collect = options.collect !== false;
  const buf = new PairBuffer(collect ? 1 << 16 : 1);
  const indexes: RuleIndex[] = [];
  const perRule: RulePairCount[] = [];
  const side = set.side;
  const ruleRaw: number[] = [];
  const partCache: PartKeyCache = new Map();
  for (let r = 0; r < rules.length; r++) {
    options.onProgress?.({ phase: 'blocking:index', done: r, total: rules.length });
    indexes.push(indexRule(set, rules[r]!, partCache));
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
