/**
 * Grouping articles that tell the same story (syndicated copies, paraphrases, translations), so a story
 * counts once however many outlets carry it. Two signals:
 *   - text: MinHash estimate of the Jaccard similarity of word 3-shingles (copies and light edits);
 *   - what the article is about: resolved entities (compounds, people, organisations, provinces and
 *     cities) and the figures it states (numbers ≥ 10, separators removed, years left out). These
 *     survive translation: "1,440" and "1.440", "Golden Reef" in any language.
 * An article joins the best-scoring story among candidates published within `windowDays`; otherwise
 * it starts a new one. Candidates come from LSH bands and from entity postings (capped per key).
 */
import { bandKeys, estimateJaccard, shingles, signature } from './minhash.ts';

export interface StoryFeatures {
  signature: number[];
  entities: string[];
  numbers: string[];
}

export interface StoryMember extends StoryFeatures {
  id: string;
  storyId: string;
  /** ISO date of publication. */
  day: string;
}

export interface StoryDecision {
  storyId: string | null;
  /** The member it matched, and why. */
  matchedId: string | null;
  score: number;
  reason: 'text' | 'entities' | null;
  /** Other stories the article also belongs to: they are one story with `storyId` (merged into it). */
  alsoMatched: string[];
}

/**
 * Thresholds of grouping. Chosen on the benchmark's tuning seed (`npm run bench:ingest -- --tune`), never
 * on the seed it scores.
 *   - `text`: lowest score that joins a story;
 *   - `copy`: text alone groups near-copies (syndication, light edits); below it text needs shared who/where
 *     and, when both articles state figures, a shared figure;
 *   - `entities`: lowest strict weighted overlap of who/where for grouping on entities (see `overlap`);
 *   - `merge`: an article that also matches a second story this strongly joins the two stories (weaker
 *     second matches chained unrelated stories together through one ambiguous article).
 */
export interface GroupingThresholds {
  text: number;
  entities: number;
  copy: number;
  merge: number;
}
export const THRESHOLDS: GroupingThresholds = { text: 0.35, entities: 0.5, copy: 0.6, merge: 0.6 };
export const WINDOW_DAYS = 21;
const POSTING_CAP = 300;

/** Figures in any language: "1,440", "1.440", "1 440" → "1440"; small numbers and years left out. */
export function numbersOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?/g)) {
    const raw = m[0];
    const grouped = /^\d{1,3}(?:[.,\u00a0 ]\d{3})+$/.test(raw);
    const n = grouped ? raw.replace(/[.,\u00a0 ]/g, '') : raw.replace(',', '.');
    const v = Number(n);
    if (!Number.isFinite(v) || v < 10) continue;
    if (!grouped && /^(19|20)\d{2}$/.test(n)) continue;
    out.add(String(v));
  }
  return [...out].sort();
}

export function featuresOf(text: string, entities: readonly string[]): StoryFeatures {
  return { signature: signature(shingles(text)), entities: [...new Set(entities)].sort(), numbers: numbersOf(text) };
}

/**
 * How much a key says: 1 when every key counts the same; the index passes inverse document frequency, and
 * whether any article it holds has the key (one no article has cannot be shared).
 */
export type KeyWeight = ((key: string) => number) & { known?: (key: string) => boolean };

/**
 * Shared keys, and how much they weigh: `coefficient` is the weighted overlap coefficient over keys some
 * indexed article has (what both share over the smaller side's total: a translation that leaves names out,
 * or adds words of its own, still matches); `strict` the same with keys no indexed article has counted
 * too (two raids told by the same town's spokesman, each at its own compound: the compound only the new
 * article names is the rarest key there is, and says it is another story). A town or spokesperson that
 * many articles name weighs little; a compound's name, a person named in few articles, a rare figure weigh
 * much.
 */
function overlap(
  a: readonly string[],
  b: readonly string[],
  weight: KeyWeight,
): { shared: number; coefficient: number; strict: number } {
  if (!a.length || !b.length) return { shared: 0, coefficient: 0, strict: 0 };
  const set = new Set(a);
  const common = b.filter((x) => set.has(x));
  const total = (xs: readonly string[]) => xs.reduce((s, x) => s + weight(x), 0);
  const [ta, tb, tc] = [total(a), total(b), total(common)];
  const known = weight.known;
  const smaller = known ? Math.min(total(a.filter(known)), total(b.filter(known))) : Math.min(ta, tb);
  return {
    shared: common.length,
    coefficient: smaller > 0 ? tc / smaller : 0,
    strict: Math.min(ta, tb) > 0 ? tc / Math.min(ta, tb) : 0,
  };
}

/** How alike two articles are, and on which signal. */
export function storySimilarity(
  a: StoryFeatures,
  b: StoryFeatures,
  weight: KeyWeight = () => 1,
  thresholds: GroupingThresholds = THRESHOLDS,
): { score: number; reason: 'text' | 'entities' } {
  const text = estimateJaccard(a.signature, b.signature);
  const e = overlap(a.entities, b.entities, weight);
  const n = overlap(a.numbers, b.numbers, weight);
  // Both state figures and none is the same: different events, unless the who/where is the same throughout.
  const figuresDiffer = a.numbers.length > 0 && b.numbers.length > 0 && n.shared === 0;
  // Same who/where and at least one same figure, or the same who/where throughout.
  const aboutSame =
    e.shared >= 2 &&
    e.coefficient >= 0.5 &&
    e.strict >= thresholds.entities &&
    (n.shared >= 1 || (e.shared >= 3 && e.coefficient >= 0.75))
      ? 0.5 * e.coefficient + 0.5 * Math.max(n.coefficient, thresholds.text)
      : 0;
  // Boilerplate ("a spokesman for the police said", one outlet's template) makes unrelated articles look
  // alike: text between the two thresholds counts only with a shared, weighted-half entity and no
  // contradiction in the figures.
  const textScore = text >= thresholds.copy || (e.shared >= 1 && e.coefficient >= 0.5 && !figuresDiffer) ? text : 0;
  return textScore >= aboutSame ? { score: textScore, reason: 'text' } : { score: aboutSame, reason: 'entities' };
}

const dayNumber = (day: string) => Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/** An incremental index of articles already grouped. */
export class StoryIndex {
  private readonly members = new Map<string, StoryMember>();
  private readonly bands = new Map<string, string[]>();
  private readonly postings = new Map<string, string[]>();
  /** Articles naming each entity or figure (for inverse document frequency). */
  private readonly df = new Map<string, number>();
  // A key no article in the index has (df 0) is the rarest there is: the compound only the new article
  // names says most that it is another story (weighing it nothing let a shared town and spokesman decide).
  private readonly weight: KeyWeight = Object.assign(
    (key: string) => 1 + Math.log((this.members.size + 1) / ((this.df.get(key) ?? 0) + 1)),
    { known: (key: string) => this.df.has(key) },
  );

  constructor(
    existing: readonly StoryMember[] = [],
    private readonly thresholds: GroupingThresholds = THRESHOLDS,
  ) {
    for (const m of existing) this.insert(m);
  }

  private insert(m: StoryMember): void {
    this.members.set(m.id, m);
    for (const k of bandKeys(m.signature)) push(this.bands, k, m.id, Number.POSITIVE_INFINITY);
    for (const e of m.entities) push(this.postings, e, m.id, POSTING_CAP);
    for (const k of [...m.entities, ...m.numbers]) this.df.set(k, (this.df.get(k) ?? 0) + 1);
  }

  /** Which story an article belongs to (null: a new story), without adding it. */
  decide(features: StoryFeatures, day: string): StoryDecision {
    const candidates = new Set<string>();
    for (const k of bandKeys(features.signature)) for (const id of this.bands.get(k) ?? []) candidates.add(id);
    for (const e of features.entities) for (const id of this.postings.get(e) ?? []) candidates.add(id);
    const d = dayNumber(day);
    let best: StoryDecision = { storyId: null, matchedId: null, score: 0, reason: null, alsoMatched: [] };
    // Each other story's best score: only a strong second match joins two stories.
    const others = new Map<string, number>();
    for (const id of candidates) {
      const m = this.members.get(id)!;
      if (Math.abs(dayNumber(m.day) - d) > WINDOW_DAYS) continue;
      const s = storySimilarity(features, m, this.weight, this.thresholds);
      if (s.score < this.thresholds.text) continue;
      others.set(m.storyId, Math.max(others.get(m.storyId) ?? 0, s.score));
      if (s.score > best.score || (s.score === best.score && m.storyId < best.storyId!))
        best = { storyId: m.storyId, matchedId: id, score: s.score, reason: s.reason, alsoMatched: [] };
    }
    const alsoMatched = [...others]
      .filter(([storyId, score]) => storyId !== best.storyId && score >= this.thresholds.merge)
      .map(([storyId]) => storyId);
    return { ...best, alsoMatched: alsoMatched.sort() };
  }

  /** Add an article; returns its story (an existing one, or `newStoryId`). */
  add(id: string, features: StoryFeatures, day: string, newStoryId: string): StoryDecision & { storyId: string } {
    const decision = this.decide(features, day);
    const storyId = decision.storyId ?? newStoryId;
    // An article that belongs to two stories joins them: the others' members move to this story.
    if (decision.alsoMatched.length) {
      const merged = new Set(decision.alsoMatched);
      for (const m of this.members.values()) if (merged.has(m.storyId)) m.storyId = storyId;
    }
    this.insert({ id, storyId, day, ...features });
    return { ...decision, storyId };
  }

  get size(): number {
    return this.members.size;
  }
}

function push(map: Map<string, string[]>, key: string, id: string, cap: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else {
    list.push(id);
    if (list.length > cap) list.shift();
  }
}
