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

/** Keys shared by more entities than this only count when nothing more specific was found. */
const MAX_BLOCK = 5000;
const CACHE_SIZE = 100_000;
/** Names of one entity that are indexed (the rest are read when the entity is scored). */
const NAMES_PER_ENTITY = 8;

export class ScreenIndex {
  private readonly entities: ScreenEntity[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly cache = new Map<string, NormalisedName>();

  get size(): number {
    return this.entities.length;
  }

  add(entity: ScreenEntity): void {
    if (this.byId.has(entity.id)) throw new Error(`entity ${entity.id} is already in the index`);
    const idx = this.entities.length;
    this.entities.push(entity);
    this.byId.set(entity.id, idx);
    // A posting is entity × 8 + the name that made the key, so a query reads only the names that met it.
    const postings = new Map<string, number>();
    entity.names.slice(0, NAMES_PER_ENTITY).forEach((name, n) => {
      for (const k of nameBlockingKeys(normaliseName(name)))
        if (!postings.has(k)) postings.set(k, idx * NAMES_PER_ENTITY + n);
    });
    for (const id of entity.identifiers) {
      const f = foldIdentifier(id);
      if (f.length >= 4) postings.set(`id:${f}`, idx * NAMES_PER_ENTITY);
    }
    for (const [k, code] of postings) {
      const list = this.postings.get(k);
      if (list) list.push(code);
      else this.postings.set(k, [code]);
    }
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

  /**
   * Entities sharing keys with the query, weighted by how specific each key is, best first, each with the bit set of
   * its names that met a key.
   */
  private shortlist(query: ScreenQuery, names: readonly NormalisedName[], size: number): [number, number][] {
    const keys = new Set<string>();
    for (const n of names) for (const k of nameBlockingKeys(n)) keys.add(k);
    for (const id of query.identifiers ?? []) {
      const f = foldIdentifier(id);
      if (f.length >= 4) keys.add(`id:${f}`);
    }
    const weight = new Map<number, number>();
    const met = new Map<number, number>();
    const wide: number[][] = [];
    for (const k of keys) {
      const list = this.postings.get(k);
      if (!list) continue;
      if (list.length > MAX_BLOCK) {
        wide.push(list);
        continue;
      }
      // A rare key tells more than a common one (an identifier most of all).
      const w = (k.startsWith('id:') ? 10 : 1) / Math.log2(2 + list.length);
      for (const code of list) {
        const i = Math.floor(code / NAMES_PER_ENTITY);
        weight.set(i, (weight.get(i) ?? 0) + w);
        met.set(i, (met.get(i) ?? 0) | (1 << (code % NAMES_PER_ENTITY)));
      }
    }
    if (weight.size === 0)
      for (const list of wide)
        for (const code of list.slice(0, size)) {
          const i = Math.floor(code / NAMES_PER_ENTITY);
          weight.set(i, 0);
          met.set(i, (met.get(i) ?? 0) | (1 << (code % NAMES_PER_ENTITY)));
        }
    return [...weight.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, size)
      .map((e) => [e[0], met.get(e[0])!]);
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
