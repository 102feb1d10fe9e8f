/**
 * Screening index: entities' names (every alias, in every script) under the matching engine's name blocking keys
 * (core/names nameBlockingKeys: 陈志, Chen Zhi, Trần Chí and Tan Chee share "sn:陳|J"), plus folded identifiers.
 * A query meets the entities that share a key, the most specific keys first; only the best of those are read
 * closely (screen-score.ts), and of each only the names that met a key. Built once per process from the entities table and rebuilt after an import.
 *
 * Memory: per entity its id, schema, caption, names and a few short lists; names are normalised again when a
 * query reads them (a bounded cache keeps the common ones), so the index holds strings, not parsed names.
 */
import { nameBlockingKeys, normaliseName, type NormalisedName } from '../names/index.ts';
import { scoreCandidate, type ScreenQuery, type ScreenCandidate, schemaFits, foldIdentifier } from './screen-score.ts';

export interface ScreenEntity {
  id: string;
  schema: string;
  caption: string;
  /** name, alias, weakAlias, previousName… as written. */
  names: string[];
  birthDates: string[];
  /** ISO 3166-1 alpha-2, lower case as FtM writes them. */
  countries: string[];
  identifiers: string[];
  /** FtM topics (sanction, crime, role.pep…). */
  topics: string[];
  datasets: string[];
}

export interface ScreenOptions {
  limit?: number;
  /** Candidates read closely per query (default 60). */
  shortlist?: number;
  /** Score at or above which a candidate is called a match (default 0.7). */
  threshold?: number;
}

/**
 * Posting lists longer than this (a common surname, given name or word) never bring candidates of their own while
 * narrower lists bring enough; they only add weight to the entities already met (see shortlist()).
 */
const WIDE_LIST = 2000;
/** Postings a query reads to gather candidates (narrow lists, rarest first); it bounds the work of one query. */
const READ_LIMIT = 20_000;
const CACHE_SIZE = 100_000;
const BUILD_KEYS_SIZE = 1_000_000;
/** Names of one entity that are indexed (the rest are read when the entity is scored). */
const NAMES_PER_ENTITY = 8;
/** An identifier key counts this many times a name key of the same rarity. */
const IDENTIFIER_FACTOR = 4;

export interface ScreenIndexOptions {
  /** See WIDE_LIST; tests lower it to reach the wide-list paths with a few dozen entities. */
  wideList?: number;
  /** See READ_LIMIT. */
  readLimit?: number;
}

export class ScreenIndex {
  private readonly entities: ScreenEntity[] = [];
  private readonly byId = new Map<string, number>();
  // While the index is built a key's postings are an array; finish() packs them all into `packed` (a key's value is
  // then its offset there, or -(posting + 1) for a key of one posting), which takes a fraction of the memory.
  private readonly postings = new Map<string, number[] | number>();
  private packed: Int32Array | null = null;
  private readonly cache = new Map<string, NormalisedName>();
  private readonly buildKeys = new Map<string, string[]>();
  private readonly wideList: number;
  private readonly readLimit: number;
  // Per entity, for ranking candidates before they are read closely: schema, birth year (0 unknown, -1 several) and
  // first country, with how many entities share each year and country (a rare one tells more).
  private schemaOf = new Uint8Array(1024);
  private yearOf = new Int16Array(1024);
  private countryOf = new Uint16Array(1024);
  private readonly schemas: string[] = [];
  private readonly yearCount = new Map<number, number>();
  private readonly countryCount = new Map<number, number>();
  // Per-query scratch, one slot per entity, cleared after each query.
  private weight = new Float64Array(0);
  private met = new Uint8Array(0);

  constructor(options: ScreenIndexOptions = {}) {
    this.wideList = options.wideList ?? WIDE_LIST;
    this.readLimit = options.readLimit ?? READ_LIMIT;
  }

  get size(): number {
    return this.entities.length;
  }

  add(entity: ScreenEntity): void {
    if (this.byId.has(entity.id)) throw new Error(`entity ${entity.id} is already in the index`);
    if (this.packed) this.unpack();
    const idx = this.entities.length;
    this.entities.push(entity);
    this.byId.set(entity.id, idx);
    this.addFacts(idx, entity);
    // A posting is entity × 8 + the name that made the key, so a query reads only the names that met it; one per key.
    const seen: string[] = [];
    const post = (k: string, code: number): void => {
      if (seen.includes(k)) return;
      seen.push(k);
      const list = this.postings.get(k) as number[] | undefined;
      if (list) list.push(code);
      else this.postings.set(k, [code]);
    };
    const names = Math.min(entity.names.length, NAMES_PER_ENTITY);
    for (let n = 0; n < names; n++) for (const k of this.keysOf(entity.names[n]!)) post(k, idx * NAMES_PER_ENTITY + n);
    for (const id of entity.identifiers) {
      const f = foldIdentifier(id);
      if (f.length >= 4) post(`id:${f}`, idx * NAMES_PER_ENTITY);
    }
  }

  /**
   * The build is over: the name → keys memo is dropped and the posting lists are packed into one Int32Array (in order,
   * each after its length). Queries call it; an add() after it unpacks them again.
   */
  finish(): void {
    this.buildKeys.clear();
    if (this.packed) return;
    let total = 0;
    for (const list of this.postings.values())
      if (typeof list !== 'number' && list.length > 1) total += list.length + 1;
    const packed = new Int32Array(total);
    let at = 0;
    for (const [k, list] of this.postings) {
      if (typeof list === 'number') continue;
      if (list.length === 1) {
        this.postings.set(k, -list[0]! - 1);
        continue;
      }
      this.postings.set(k, at);
      packed[at] = list.length;
      packed.set(list, at + 1);
      at += list.length + 1;
    }
    this.packed = packed;
  }

  private unpack(): void {
    const packed = this.packed!;
    for (const [k, v] of this.postings)
      if (typeof v === 'number')
        this.postings.set(k, v < 0 ? [-v - 1] : Array.from(packed.subarray(v + 1, v + 1 + packed[v]!)));
    this.packed = null;
  }

  /** A key's postings (sorted: entities are added in order). */
  private postingsOf(key: string): ArrayLike<number> | undefined {
    const v = this.postings.get(key);
    if (typeof v !== 'number') return v;
    return v < 0 ? [-v - 1] : this.packed!.subarray(v + 1, v + 1 + this.packed![v]!);
  }

  /**
   * A name's blocking keys. Normalising is most of the cost of a build and the same name recurs across entities
   * (common names, aliases repeated by several sources), so while the index is built the keys are kept by name; the
   * build's finish() drops them.
   */
  private keysOf(name: string): string[] {
    let keys = this.buildKeys.get(name);
    if (!keys) {
      keys = screenKeys(normaliseName(name));
      // Once full it keeps the names met first, which in a large corpus are mostly the common ones.
      if (this.buildKeys.size < BUILD_KEYS_SIZE) this.buildKeys.set(name, keys);
    }
    return keys;
  }

  private addFacts(idx: number, entity: ScreenEntity): void {
    if (idx >= this.schemaOf.length) {
      const grow = <T extends Uint8Array | Int16Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.schemaOf = grow(this.schemaOf, (n) => new Uint8Array(n));
      this.yearOf = grow(this.yearOf, (n) => new Int16Array(n));
      this.countryOf = grow(this.countryOf, (n) => new Uint16Array(n));
    }
    let schema = this.schemas.indexOf(entity.schema);
    if (schema < 0) schema = this.schemas.push(entity.schema) - 1;
    this.schemaOf[idx] = schema;
    const years = new Set(entity.birthDates.map(yearOf).filter((y) => y > 0));
    const year = years.size === 1 ? [...years][0]! : years.size > 1 ? -1 : 0;
    this.yearOf[idx] = year;
    if (year > 0) this.yearCount.set(year, (this.yearCount.get(year) ?? 0) + 1);
    const country = entity.countries.length ? countryCode(entity.countries[0]!) : 0;
    this.countryOf[idx] = country;
    if (country) this.countryCount.set(country, (this.countryCount.get(country) ?? 0) + 1);
  }

  get(id: string): ScreenEntity | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entities[i];
  }

  normalised(name: string): NormalisedName {
    let n = this.cache.get(name);
    if (n) {
      // Refresh its place so the cache keeps what queries keep reading.
      this.cache.delete(name);
      this.cache.set(name, n);
      return n;
    }
    n = normaliseName(name);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(name, n);
    return n;
  }

  /** How much a key, a birth year or a country shared by `count` of the indexed entities tells (rarer tells more). */
  private rarity(count: number): number {
    return Math.log((this.entities.length + 1) / Math.max(1, count));
  }

  /**
   * The `size` entities of a fitting schema that share the most telling keys with the query, best first, each with
   * the bit set of its names that met a key. Every key counts by its rarity, so a common surname or given name adds
   * little and the full-name and identifier keys decide; a birth year or country given with the query adds (or, a
   * birth year, takes away) as much as a key shared by as many entities. Lists are read rarest first: the narrow ones
   * bring the candidates (at most READ_LIMIT postings), the wide ones and any left only add their weight to those, so
   * a query's work stays bounded however many entities share its surname.
   */
  private shortlist(query: ScreenQuery, names: readonly NormalisedName[], size: number): [number, number][] {
    this.finish();
    const keys = new Map<string, number>();
    for (const n of names) for (const k of screenKeys(n)) keys.set(k, 1);
    for (const id of query.identifiers ?? []) {
      const f = foldIdentifier(id);
      if (f.length >= 4) keys.set(`id:${f}`, IDENTIFIER_FACTOR);
    }
    const lists: { list: ArrayLike<number>; w: number }[] = [];
    for (const [k, factor] of keys) {
      const list = this.postingsOf(k);
      if (list) lists.push({ list, w: factor * this.rarity(list.length) });
    }
    lists.sort((a, b) => a.list.length - b.list.length);

    const fits = this.schemas.map((s) => schemaFits(query.schema, s));
    const year = query.birthDate ? yearOf(query.birthDate) : 0;
    const yearWeight = year > 0 ? this.rarity(this.yearCount.get(year) ?? 0) : 0;
    const countries = new Set((query.countries ?? []).map(countryCode).filter((c) => c > 0));
    const countryWeight = new Map([...countries].map((c) => [c, this.rarity(this.countryCount.get(c) ?? 0)]));
    const maxCountry = Math.max(0, ...countryWeight.values());
    const bonus = (i: number): number => {
      let b = 0;
      const y = this.yearOf[i]!;
      if (year > 0 && y > 0) b += y === year ? yearWeight : Math.abs(y - year) > 1 ? -yearWeight : 0;
      if (maxCountry > 0) b += countryWeight.get(this.countryOf[i]!) ?? 0;
      return b;
    };

    if (this.weight.length < this.entities.length) {
      this.weight = new Float64Array(this.entities.length);
      this.met = new Uint8Array(this.entities.length);
    }
    const weight = this.weight;
    const met = this.met;
    const touched: number[] = [];
    let read = 0;
    for (const { list, w } of lists) {
      // Narrow lists bring the candidates, up to a bounded number of postings; a wide list (a common surname, given
      // name or word) only adds its weight to them, unless too few were met to fill the shortlist.
      if (touched.length < size || (list.length <= this.wideList && read + list.length <= this.readLimit)) {
        read += list.length;
        for (let p = 0; p < list.length; p++) {
          const code = list[p]!;
          const i = code >>> 3;
          if (met[i] === 0) touched.push(i);
          weight[i] = weight[i]! + w;
          met[i] = met[i]! | (1 << (code & 7));
        }
      } else if (touched.length * Math.log2(list.length) < list.length) {
        for (const i of touched) {
          const code = findEntity(list, i);
          if (code >= 0) {
            weight[i] = weight[i]! + w;
            met[i] = met[i]! | (1 << (code & 7));
          }
        }
      } else {
        for (let p = 0; p < list.length; p++) {
          const code = list[p]!;
          const i = code >>> 3;
          if (met[i] === 0) continue;
          weight[i] = weight[i]! + w;
          met[i] = met[i]! | (1 << (code & 7));
        }
      }
    }
    const out = this.best(touched, fits, size, bonus).map(([i]): [number, number] => [i, met[i]!]);
    for (const i of touched) {
      weight[i] = 0;
      met[i] = 0;
    }
    return out;
  }

  /** The `size` entities of `touched` with a fitting schema and the most weight (+ bonus), best first; ties by index. */
  private best(
    touched: readonly number[],
    fits: readonly boolean[],
    size: number,
    bonus: (i: number) => number,
  ): [number, number][] {
    // A bounded min-heap: the worst of the best so far on top.
    const heap: [number, number][] = [];
    const worse = (a: [number, number], b: [number, number]) => a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]);
    const down = (p: number): void => {
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === p) return;
        [heap[p], heap[m]] = [heap[m]!, heap[p]!];
        p = m;
      }
    };
    for (const i of touched) {
      if (!fits[this.schemaOf[i]!]) continue;
      const w = this.weight[i]! + bonus(i);
      if (heap.length < size) {
        heap.push([i, w]);
        for (let c = heap.length - 1; c > 0;) {
          const p = (c - 1) >> 1;
          if (!worse(heap[c]!, heap[p]!)) break;
          [heap[p], heap[c]] = [heap[c]!, heap[p]!];
          c = p;
        }
      } else if (heap[0]![1] < w || (heap[0]![1] === w && heap[0]![0] > i)) {
        heap[0] = [i, w];
        down(0);
      }
    }
    return heap.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  /** Ranked candidates for `query`, best first, each with its score and per-feature explanation. */
  screen(query: ScreenQuery, options: ScreenOptions = {}): ScreenCandidate[] {
    const queryNames = [query.name, ...(query.aliases ?? [])]
      .filter((n) => n.trim() !== '')
      .map((n) => normaliseName(n));
    if (queryNames.length === 0 && !(query.identifiers ?? []).length) return [];
    const threshold = options.threshold ?? 0.7;
    const out: ScreenCandidate[] = [];
    for (const [i, met] of this.shortlist(query, queryNames, options.shortlist ?? 40)) {
      const e = this.entities[i]!;
      if (!schemaFits(query.schema, e.schema)) continue;
      const names = e.names.filter((_, n) => n < NAMES_PER_ENTITY && met & (1 << n)).map((n) => this.normalised(n));
      out.push(
        scoreCandidate(query, queryNames, e, names.length ? names : e.names.map((n) => this.normalised(n)), threshold),
      );
    }
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return out.slice(0, options.limit ?? 10);
  }
}

/**
 * The name's blocking keys (phonetic skeletons and surname classes: they let 陈志, Chen Zhi and Trần Chí meet), and
 * its written words ("w:", per reading), alone and with the next one joined ("Bao Hoa" also gives "w:baohoa", as
 * 宝华 reads in one word). A skeleton key is shared by many names (Chen Baohua, Zhang Bohai and Jiang Pei all give
 * "sk:JN.P"); the words tell which of those spell the name as the query does, so a common name's block still ranks
 * its exact spellings first.
 */
function screenKeys(n: NormalisedName): string[] {
  const keys = new Set(nameBlockingKeys(n));
  for (const form of n.forms)
    form.tokens.forEach((t, i) => {
      if (t.length >= 2) keys.add(`w:${t}`);
      const next = form.tokens[i + 1];
      if (next) keys.add(`w:${t}${next}`);
    });
  return [...keys];
}

/** The posting of entity `i` in `list` (sorted, as entities are added in order), or -1. */
function findEntity(list: ArrayLike<number>, i: number): number {
  const lo0 = i * NAMES_PER_ENTITY;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < lo0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]! < lo0 + NAMES_PER_ENTITY ? list[lo]! : -1;
}

function yearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number.isInteger(y) && y > 0 && y < 10000 ? y : 0;
}

/** ISO 3166-1 alpha-2 as a number (0 for anything else). */
function countryCode(c: string): number {
  const s = c.toLowerCase();
  if (!/^[a-z]{2}$/.test(s)) return 0;
  return (s.charCodeAt(0) - 96) * 27 + (s.charCodeAt(1) - 96);
}
