/**
 * Person names through the names layer: levels are the layer's NameLevel values (exact … different),
 * so script changes, reordering and spelling variants are judged in one place.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import type { NamesLayer, NormalisedNameLike } from '../names-port.ts';
import { defaultNamesLayer } from '../names-layer.ts';

export function personNameComparator(
  spec: ComparatorSpec,
  names: NamesLayer = defaultNamesLayer,
): Comparator<NormalisedNameLike> {
  const index = new Map(names.levels.map((l, i) => [l, i] as const));
  const last = names.levels.length - 1;
  const levelOf = names.compareLevel
    ? names.compareLevel.bind(names)
    : (a: NormalisedNameLike, b: NormalisedNameLike) => names.compareNames(a, b).level;
  // Populations repeat names a lot; normalising each distinct spelling once saves most of the cost.
  const cache = new Map<string, NormalisedNameLike>();
  // Several blocking rules ask for the same name's keys; compute them once per prepared name.
  const keyCache = new WeakMap<NormalisedNameLike, string[]>();
  const tfKeys = new WeakMap<NormalisedNameLike, string>();
  // The same two spellings meet in many pairs (common names): remember their level.
  const ids = new WeakMap<NormalisedNameLike, number>();
  const levelCache = new Map<number, number>();
  const judge = (a: NormalisedNameLike, b: NormalisedNameLike): number => index.get(levelOf(a, b)) ?? last;
  const LEVEL_CACHE_MAX = 4_000_000;
  const ID_LIMIT = 1 << 22;
  return {
    name: spec.name,
    field: spec.fields,
    levels: names.levels,
    spec,
    prepare(values) {
      const raw = values
        .filter((v) => v != null && v.trim() !== '')
        .join(' ')
        .trim();
      if (raw === '') return null;
      let n = cache.get(raw);
      if (n === undefined) {
        n = names.normaliseName(raw);
        if (cache.size < 2_000_000) {
          cache.set(raw, n);
          ids.set(n, cache.size);
        }
      }
      return n.tokens.length === 0 ? null : n;
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a === b) return 0; // same cached spelling
      const ia = ids.get(a);
      const ib = ids.get(b);
      if (ia === undefined || ib === undefined || ia >= ID_LIMIT || ib >= ID_LIMIT) return judge(a, b);
      const key = ia < ib ? ia * ID_LIMIT + ib : ib * ID_LIMIT + ia;
      let level = levelCache.get(key);
      if (level === undefined) {
        level = judge(a, b);
        if (levelCache.size < LEVEL_CACHE_MAX) levelCache.set(key, level);
      }
      return level;
    },
    compareUnmemoised(a, b) {
      if (a == null || b == null) return -1;
      return a === b ? 0 : judge(a, b);
    },
    explain(a, b, level) {
      if (level < 0 || a == null || b == null)
        return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      return `${spec.name}: ${names.compareNames(a, b).explanation}`;
    },
    blockingKeys(p) {
      let keys = keyCache.get(p);
      if (keys === undefined) {
        keys = names.nameBlockingKeys(p);
        keyCache.set(p, keys);
      }
      return keys;
    },
    // Every level but 'different': each record holding either value agrees with the other at that level or
    // better, so the commoner value's frequency bounds the level's u (term-frequency.ts). Namesakes with a
    // typo (Ahmad / Ahmda) or a common name in part (Ahmad / Ahmad Santoso) counted as rare names before.
    termFrequencyLevels: names.levels.length - 1,
    termFrequencyKey(p) {
      let key = tfKeys.get(p);
      if (key === undefined) {
        key = names.frequencyKey ? names.frequencyKey(p) : [...p.tokens].sort().join(' ');
        tfKeys.set(p, key);
      }
      return key;
    },
  };
}
