/**
 * Articles benchmark (issue #17): extraction and story grouping throughput on synthetic articles, peak
 * memory, and how well grouping recovers the stories the generator wrote (pairwise precision and recall).
 *
 *   npm run bench:ingest                        10,000 articles, scored seed 17
 *   ARTICLES=2000 npm run bench:ingest          a quicker run
 *   npm run bench:ingest -- --tune              sweep the grouping thresholds on the tuning seed (1)
 *
 * The articles come from bench/lib/article-corpus.ts, whose lists are its own (not the engine's
 * gazetteers). Thresholds are the engine's constants, chosen with `--tune` on seed 1; the scored run uses
 * seed 17 and refuses to tune on it.
 */
import { performance } from 'node:perf_hooks';
import { ActorBook } from '../src/core/articles/actors.ts';
import { analyseArticle } from '../src/core/articles/analyse.ts';
import { PlaceIndex } from '../src/core/articles/places.ts';
import { StoryIndex, THRESHOLDS, type GroupingThresholds } from '../src/core/articles/stories.ts';
import { syntheticArticles, type SyntheticArticle } from './lib/article-corpus.ts';

const SCORED_SEED = 17;
const TUNING_SEED = 1;
const tune = process.argv.includes('--tune');
const ARTICLES = Number(process.env.ARTICLES ?? 10_000);
const seed = tune ? TUNING_SEED : SCORED_SEED;

const docs = syntheticArticles(ARTICLES, seed);

// Extraction, timed.
const places = new PlaceIndex([]);
const actors = new ActorBook();
let ids = 0;
const newId = () => `a${++ids}`;
let t0 = performance.now();
const analysed = docs.map((d) => analyseArticle(d.text, d.day, places, actors, newId));
const extractMs = performance.now() - t0;
const claims = analysed.reduce((n, a) => n + a.claims.length, 0);

function group(thresholds: GroupingThresholds): string[] {
  const index = new StoryIndex([], thresholds);
  const storyOf: string[] = [];
  const members = new Map<string, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const d = index.add(String(i), analysed[i]!.features, docs[i]!.day, `s${i}`);
    const list = members.get(d.storyId) ?? [];
    for (const other of d.alsoMatched) {
      for (const j of members.get(other) ?? []) {
        storyOf[j] = d.storyId;
        list.push(j);
      }
      members.delete(other);
    }
    storyOf[i] = d.storyId;
    list.push(i);
    members.set(d.storyId, list);
  }
  return storyOf;
}

/** Pairwise precision and recall against the generator's stories, counted per cluster (no pair lists). */
function score(docs: readonly SyntheticArticle[], storyOf: readonly string[]) {
  const pairsIn = (sizes: Iterable<number>) => [...sizes].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const count = <K>(key: (i: number) => K) => {
    const m = new Map<K, number>();
    docs.forEach((_, i) => m.set(key(i), (m.get(key(i)) ?? 0) + 1));
    return m;
  };
  const truth = pairsIn(count((i) => docs[i]!.story).values());
  const found = pairsIn(count((i) => storyOf[i]!).values());
  const both = pairsIn(count((i) => `${docs[i]!.story}|${storyOf[i]}`).values());
  return { precision: found ? both / found : 1, recall: truth ? both / truth : 1, found, truth };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

if (tune) {
  console.log(`tuning seed ${seed}, ${docs.length} articles`);
  for (const text of [0.25, 0.3, 0.35])
    for (const entities of [0.3, 0.4, 0.5, 0.6, 0.7])
      for (const copy of [0.5, 0.6])
        for (const merge of [0.6, 0.8, 1.01]) {
          const s = score(docs, group({ text, entities, copy, merge }));
          const f1 = (2 * s.precision * s.recall) / (s.precision + s.recall);
          console.log(
            `text ${text} entities ${entities} copy ${copy} merge ${merge}: P ${pct(s.precision)} R ${pct(s.recall)} F1 ${f1.toFixed(3)}`,
          );
        }
} else {
  t0 = performance.now();
  const storyOf = group(THRESHOLDS);
  const groupMs = performance.now() - t0;
  const s = score(docs, storyOf);
  const rate = (ms: number) => (docs.length / (ms / 1000)).toFixed(0);
  console.log(`articles: ${docs.length} (seed ${seed}, ${new Set(docs.map((d) => d.story)).size} generated stories)`);
  console.log(
    `extraction: ${rate(extractMs)} articles/s (${(extractMs / docs.length).toFixed(2)} ms each, ${claims} claims)`,
  );
  console.log(`grouping:   ${rate(groupMs)} articles/s (${new Set(storyOf).size} stories found)`);
  console.log(
    `grouping pairs: precision ${pct(s.precision)}, recall ${pct(s.recall)} (${s.found} pairs found, ${s.truth} true)`,
  );
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
