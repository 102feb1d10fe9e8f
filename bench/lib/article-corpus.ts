/**
 * Synthetic articles for `npm run bench:ingest`, with the story each one tells (the ground truth).
 *
 * Every list here is the generator's own, written for this file: nothing is read from the engine's
 * gazetteers, registries or name tables, so the benchmark cannot score the engine against its own data.
 * Events (an exit or raid at a fictional compound in a town, a police spokesperson, a figure of people of
 * one nationality, a count of sites, an amount, an owner) are told by 1–8 outlets with their own wording,
 * sentence order, qualifiers, figures and name spellings; about one in eight tellings is in Indonesian.
 * Different events deliberately share towns, spokespeople, owners and the country: a town's police
 * spokesman talks about many raids, and those are different stories. Each event has its own compound.
 */
import { createRng, type Rng } from '../../src/core/random.ts';

const FIRST = [
  'Golden',
  'Lucky',
  'Jade',
  'Dragon',
  'Pearl',
  'Royal',
  'Sunrise',
  'Moonlight',
  'Ocean',
  'Palm',
  'Emerald',
  'Amber',
  'Coral',
  'Ivory',
  'Crystal',
  'Scarlet',
  'Azure',
  'Velvet',
  'Cedar',
  'Maple',
];
const SECOND = [
  'Crown',
  'Phoenix',
  'Lotus',
  'Tiger',
  'Silver',
  'Harbour',
  'Fortune',
  'Orchid',
  'Summit',
  'Bay',
  'Falcon',
  'Lagoon',
  'Meadow',
  'Canyon',
  'Horizon',
  'Willow',
  'Comet',
  'Beacon',
  'Glade',
  'Ridge',
];
const KIND = ['Park', 'Compound', 'Zone', 'Resort', 'Tower', 'Garden', 'Plaza'];
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
/** Owner names, each with spellings in other transliterations. */
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
const SPOKESPEOPLE = [
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

export interface SyntheticArticle {
  text: string;
  /** The outlet: a source of its own, as ingest stores it, not part of the text. */
  source: string;
  /** The event it tells: articles with the same `story` are one story. */
  story: number;
  /** ISO date of publication. */
  day: string;
}

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

const fmt = (n: number) => n.toLocaleString('en-US');
const between = (r: Rng, lo: number, hi: number) => lo + r.int(hi - lo + 1);
const capitalise = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

function figure(r: Rng, n: number): string {
  return r.pick([
    () => fmt(n),
    () => `at least ${fmt(n)}`,
    () => `more than ${fmt(Math.floor(n / 100) * 100 || n)}`,
    () => `about ${fmt(Math.round(n / 10) * 10)}`,
    () => `nearly ${fmt(Math.ceil(n / 100) * 100)}`,
  ])();
}

function english(r: Rng, e: Event): string {
  const [s, g] = e.boss;
  const boss = `${r.pick(SURNAMES[s]!)} ${r.pick(GIVEN[g]!)}`;
  const nat = NATIONS[e.nation]!;
  const people = r.chance(0.2) ? between(r, Math.floor(e.people * 0.8), Math.ceil(e.people * 1.1)) : e.people;
  const sentences = [
    r.pick([
      () =>
        `Police in ${e.town} said ${figure(r, people)} ${nat[0]} nationals had left the ${e.compound} on ${r.pick(['Monday', 'Tuesday', 'Friday'])}.`,
      () => `${capitalise(figure(r, people))} ${nat[1]} walked out of the ${e.compound} in ${e.town}, officials said.`,
      () => `Authorities freed ${figure(r, people)} ${nat[0]} workers from the ${e.compound} near ${e.town} last week.`,
    ])(),
    r.pick([
      `"We will not stop until every site is closed," said ${e.spokes}, a spokesman for the provincial police.`,
      `${e.spokes}, the police spokesman, told reporters that the operation would continue.`,
      `Spokesman ${e.spokes} said more raids were planned.`,
    ]),
    r.pick([
      () => `Exits have been recorded at ${figure(r, e.sites)} scam compounds since last month.`,
      () =>
        `Monitors counted ${figure(r, r.chance(0.3) ? e.sites + between(r, 1, 7) : e.sites)} scam zones across the region.`,
    ])(),
    r.pick([
      `The site is owned by a group whose chairman ${boss} could not be reached.`,
      `${boss}, the group's founder, denied any wrongdoing.`,
    ]),
    r.pick([
      `Investigators said the network moved $${e.money} million through exchanges.`,
      `Prosecutors traced ${fmt(Math.round(e.money * 1000))} BTC to the group.`,
      `Losses were put at $${e.money} million.`,
    ]),
  ];
  const head = sentences.shift()!;
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!];
  }
  return [head, ...sentences.slice(0, between(r, 2, sentences.length))].join(' ');
}

function indonesian(e: Event): string {
  const nat = NATIONS[e.nation]!;
  const [s, g] = e.boss;
  return [
    `Polisi di ${e.town} mengatakan ${fmt(e.people).replace(/,/g, '.')} ${nat[2]} telah meninggalkan ${e.compound}.`,
    `Juru bicara polisi ${e.spokes} mengatakan operasi akan berlanjut.`,
    `Pemilik kompleks, ${SURNAMES[s]![0]} ${GIVEN[g]![0]}, tidak dapat dihubungi.`,
  ].join(' ');
}

const isoDay = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);

/** `count` articles from the generator seeded with `seed`, sorted by publication date. */
export function syntheticArticles(count: number, seed: number): SyntheticArticle[] {
  const r = createRng(seed);
  const used = new Set<string>();
  const compoundName = () => {
    for (;;) {
      const name = `${r.pick(FIRST)} ${r.pick(SECOND)} ${r.pick(KIND)}`;
      if (used.has(name) && used.size < FIRST.length * SECOND.length * KIND.length) continue;
      used.add(name);
      return name;
    }
  };
  const docs: SyntheticArticle[] = [];
  for (let id = 0; docs.length < count; id++) {
    const e: Event = {
      id,
      compound: compoundName(),
      town: r.pick(TOWNS),
      boss: [r.int(SURNAMES.length), r.int(GIVEN.length)],
      spokes: r.pick(SPOKESPEOPLE),
      nation: r.int(NATIONS.length),
      people: between(r, 30, 3000),
      sites: between(r, 3, 40),
      money: between(r, 2, 900) / 10,
      day: between(r, 0, 364),
    };
    const tellings = between(r, 1, 8);
    for (let k = 0; k < tellings && docs.length < count; k++) {
      const text = r.chance(0.125) ? indonesian(e) : english(r, e);
      docs.push({ text, source: r.pick(OUTLETS), story: e.id, day: isoDay(Math.min(364, e.day + between(r, 0, 6))) });
    }
  }
  return docs.sort((a, b) => a.day.localeCompare(b.day));
}
