/**
 * Articles benchmark (issue #17): extraction and story grouping throughput on synthetic articles, and
 * how well grouping recovers the stories the generator wrote.
 *
 *   npx tsx bench/ingest.ts            (or npm run bench:ingest)
 *   ARTICLES=2000 npx tsx bench/ingest.ts   for a quicker run
 *
 * Synthetic data, seeded, written by templates here (not by the engine): events (a raid or exit at a
 * fictional compound in a real town, a spokesperson, a figure of people of one nationality, a count
 * of sites, an amount), each told by 1–8 outlets with their own wording, sentence order, qualifiers,
 * figures and name spellings; about one in eight tellings is in Indonesian. Publication dates spread
 * over a year. Grouping thresholds are the engine's constants; nothing is tuned on this set.
 */
import { performance } from 'node:perf_hooks';
import { ActorBook } from '../src/core/articles/actors.ts';
import { analyseArticle } from '../src/core/articles/analyse.ts';
import { PlaceIndex } from '../src/core/articles/places.ts';
import { StoryIndex } from '../src/core/articles/stories.ts';
import { createRng, type Rng } from '../src/core/random.ts';

const ARTICLES = Number(process.env.ARTICLES ?? 10_000);
const rng = createRng(17);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r.next() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r.next() * (hi - lo + 1));

const SYLLABLES = [
  'Gol',
  'den',
  'Reef',
  'Star',
  'Lucky',
  'Jade',
  'Dragon',
  'Pearl',
  'Royal',
  'Sun',
  'Moon',
  'Ocean',
  'Palm',
  'Crown',
  'Phoenix',
  'Lotus',
  'Tiger',
  'Silver',
];
const TOWNS = [
  'Sihanoukville',
  'Bavet',
  'Poipet',
  'Phnom Penh',
  'Koh Kong',
  'Myawaddy',
  'Shwe Kokko',
  'Tachileik',
  'Bokeo',
  'Kampot',
];
const SURNAMES = [
  ['Chen', 'Tran', 'Chan'],
  ['Wang', 'Vuong', 'Wong'],
  ['Li', 'Ly', 'Lee'],
  ['Zhang', 'Truong', 'Cheung'],
  ['Huang', 'Hoang', 'Wong'],
] as const;
const GIVEN = [
  ['Zhi', 'Chi'],
  ['Wei', 'Vi'],
  ['Ming', 'Minh'],
  ['Hua', 'Hoa'],
  ['Jun', 'Tuan'],
] as const;
const KH_NAMES = [
  'Sok Vanna',
  'Chea Sophal',
  'Keo Dara',
  'Meas Rithy',
  'Heng Sokha',
  'Pich Sreymom',
  'Chan Ratha',
  'Ouk Bopha',
];
const NATIONS = [
  ['Indonesian', 'Indonesians', 'warga negara Indonesia'],
  ['Thai', 'Thais', 'warga Thailand'],
  ['Filipino', 'Filipinos', 'warga Filipina'],
  ['Vietnamese', 'Vietnamese', 'warga Vietnam'],
  ['Chinese', 'Chinese', 'warga Tiongkok'],
  ['Kenyan', 'Kenyans', 'warga Kenya'],
] as const;
const OUTLETS = [
  'Harbour Wire',
  'Mekong Daily',
  'Coastal Times',
  'Border Post',
  'Delta News',
  'Riverside Herald',
  'Gulf Monitor',
  'Plain Dealer',
  'Berita Mekong',
  'Kabar Asia',
];

interface Event {
  id: number;
  compound: string;
  town: string;
  boss: [number, number];
  spokes: string;
  nation: number;
  people: number;
  sites: number;
  money: number;
  day: number;
}

function event(id: number): Event {
  const compound = `${pick(rng, SYLLABLES)} ${pick(rng, SYLLABLES)} ${pick(rng, ['Park', 'Compound', 'Zone', 'Resort', 'Tower'])}`;
  return {
    id,
    compound,
    town: pick(rng, TOWNS),
    boss: [int(rng, 0, SURNAMES.length - 1), int(rng, 0, GIVEN.length - 1)],
    spokes: pick(rng, KH_NAMES),
    nation: int(rng, 0, NATIONS.length - 1),
    people: int(rng, 30, 3000),
    sites: int(rng, 3, 40),
    money: int(rng, 2, 900) / 10,
    day: int(rng, 0, 364),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const figure = (r: Rng, n: number) =>
  pick(r, [
    () => fmt(n),
    () => `at least ${fmt(n)}`,
    () => `more than ${fmt(Math.floor(n / 100) * 100 || n)}`,
    () => `about ${fmt(Math.round(n / 10) * 10)}`,
    () => `nearly ${fmt(Math.ceil(n / 100) * 100)}`,
  ])();

function english(r: Rng, e: Event): string {
  const [sIdx, gIdx] = e.boss;
  const boss = `${pick(r, SURNAMES[sIdx]!)} ${pick(r, GIVEN[gIdx]!)}`;
  const nat = NATIONS[e.nation]!;
  const people = r.next() < 0.2 ? int(r, Math.floor(e.people * 0.8), Math.ceil(e.people * 1.1)) : e.people;
  const sentences = [
    pick(r, [
      `Police in ${e.town} said ${figure(r, people)} ${nat[0]} nationals had left the ${e.compound} on ${pick(r, ['Monday', 'Tuesday', 'Friday'])}.`,
      `${figure(r, people)[0]!.toUpperCase()}${figure(r, people).slice(1)} ${nat[1]} walked out of the ${e.compound} in ${e.town}, officials said.`,
      `Authorities freed ${figure(r, people)} ${nat[0]} workers from the ${e.compound} near ${e.town} last week.`,
    ]),
    pick(r, [
      `"We will not stop until every site is closed," said ${e.spokes}, a spokesman for the provincial police.`,
      `${e.spokes}, the police spokesman, told reporters that the operation would continue.`,
      `Spokesman ${e.spokes} said more raids were planned.`,
    ]),
    pick(r, [
      `Exits have been recorded at ${figure(r, e.sites)} scam compounds since last month.`,
      `Monitors counted ${figure(r, r.next() < 0.3 ? e.sites + int(r, 1, 7) : e.sites)} scam zones across the region.`,
    ]),
    pick(r, [
      `The site is owned by a group whose chairman ${boss} could not be reached.`,
      `${boss}, the group's founder, denied any wrongdoing.`,
    ]),
    pick(r, [
      `Investigators said the network moved $${e.money} million through exchanges.`,
      `Prosecutors traced ${fmt(Math.round(e.money * 1000))} BTC to the group.`,
      `Losses were put at $${e.money} million.`,
    ]),
  ];
  const head = sentences.shift()!;
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!];
  }
  return [head, ...sentences.slice(0, int(r, 2, sentences.length))].join(' ');
}

function indonesian(r: Rng, e: Event): string {
  const nat = NATIONS[e.nation]!;
  const [sIdx, gIdx] = e.boss;
  return [
    `Polisi di ${e.town} mengatakan ${fmt(e.people).replace(/,/g, '.')} ${nat[2]} telah meninggalkan ${e.compound}.`,
    `Juru bicara polisi ${e.spokes} mengatakan operasi akan berlanjut.`,
    `Pemilik kompleks, ${SURNAMES[sIdx]![0]} ${GIVEN[gIdx]![0]}, tidak dapat dihubungi.`,
  ].join(' ');
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);

// Generate.
const docs: { text: string; story: number; day: string }[] = [];
for (let id = 0; docs.length < ARTICLES; id++) {
  const e = event(id);
  const tellings = int(rng, 1, 8);
  for (let k = 0; k < tellings && docs.length < ARTICLES; k++) {
    const text = rng.next() < 0.125 ? indonesian(rng, e) : english(rng, e);
    docs.push({
      text: `${pick(rng, OUTLETS)} — ${text}`,
      story: e.id,
      day: day(Math.min(364, e.day + int(rng, 0, 6))),
    });
  }
}
docs.sort((a, b) => a.day.localeCompare(b.day));

// Extraction and grouping, timed separately.
const places = new PlaceIndex([]);
const actors = new ActorBook();
let ids = 0;
const newId = () => `a${++ids}`;
let t0 = performance.now();
const analysed = docs.map((d) => analyseArticle(d.text, d.day, places, actors, newId));
const extractMs = performance.now() - t0;
const claims = analysed.reduce((n, a) => n + a.claims.length, 0);

const index = new StoryIndex();
const storyOf: string[] = [];
t0 = performance.now();
for (let i = 0; i < docs.length; i++) {
  const d = index.add(String(i), analysed[i]!.features, docs[i]!.day, `s${i}`);
  storyOf[i] = d.storyId;
  if (d.alsoMatched.length) for (let j = 0; j < i; j++) if (d.alsoMatched.includes(storyOf[j]!)) storyOf[j] = d.storyId;
}
const groupMs = performance.now() - t0;

// Pairwise precision and recall of grouping against the generator's stories.
const pairs = (key: (i: number) => string | number) => {
  const by = new Map<string | number, number[]>();
  docs.forEach((_, i) => by.set(key(i), [...(by.get(key(i)) ?? []), i]));
  const set = new Set<string>();
  for (const members of by.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) set.add(`${members[a]}-${members[b]}`);
  return set;
};
const truth = pairs((i) => docs[i]!.story);
const found = pairs((i) => storyOf[i]!);
let tp = 0;
for (const p of found) if (truth.has(p)) tp++;
const precision = found.size ? tp / found.size : 1;
const recall = truth.size ? tp / truth.size : 1;

console.log(`articles: ${docs.length} (${new Set(docs.map((d) => d.story)).size} generated stories)`);
console.log(
  `extraction: ${(docs.length / (extractMs / 1000)).toFixed(0)} articles/s (${(extractMs / docs.length).toFixed(2)} ms each, ${claims} claims)`,
);
console.log(
  `grouping:   ${(docs.length / (groupMs / 1000)).toFixed(0)} articles/s (${new Set(storyOf).size} stories found)`,
);
console.log(
  `grouping pairs: precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} % (${found.size} pairs found, ${truth.size} true)`,
);
