import { describe, expect, it } from 'vitest';
import { ActorBook } from './actors.ts';
import { analyseArticle } from './analyse.ts';
import { PlaceIndex } from './places.ts';
import { StoryIndex } from './stories.ts';

// Hand-written: one story told four ways, and two other stories in the same country and week that share
// "Cambodia" and "Phnom Penh" (and the same police spokesman) with it but are about something else.
const ARTICLES = {
  original: `Police free 212 workers from Lotus Bay compound in Phnom Penh

PHNOM PENH — Cambodian police said on Monday that 212 Thai nationals had been freed from the Lotus Bay compound on the outskirts of Phnom Penh. "Every worker will be sent home," said Kim Sothea, a police spokesman. The compound's owner, Leng Bora, has not been charged.`,
  paraphrase: `Lotus Bay raid: more than 200 Thais released

Cambodian authorities released 212 Thai citizens held at Lotus Bay, a compound near Phnom Penh, police spokesman Kim Sothea told reporters. He said every worker would be repatriated. Owner Leng Bora faces no charges so far.`,
  syndicated: `Cambodia: Thai workers walk free after Phnom Penh compound raid

PHNOM PENH — Cambodian police said on Monday that 212 Thai nationals had been freed from the Lotus Bay compound on the outskirts of Phnom Penh. "Every worker will be sent home," said Kim Sothea, a police spokesman. The compound's owner, Leng Bora, has not been charged.`,
  translation: `Polisi Kamboja membebaskan 212 warga Thailand dari kompleks Lotus Bay di Phnom Penh. Juru bicara polisi Kim Sothea mengatakan semua pekerja akan dipulangkan. Pemilik kompleks, Leng Bora, belum didakwa.`,
  flood: `Floods cut roads around Phnom Penh

PHNOM PENH — Heavy rain flooded 35 villages around Phnom Penh on Tuesday, Cambodia's disaster committee said. Police spokesman Kim Sothea said 1,200 families had been moved to higher ground.`,
  court: `Phnom Penh court jails casino manager

PHNOM PENH — A court in Phnom Penh on Wednesday sentenced casino manager Sar Pisey to 15 years for money laundering, Cambodia's justice ministry said. Kim Sothea, a police spokesman, said the investigation began in 2024.`,
} as const;
type Name = keyof typeof ARTICLES;

function group(order: readonly Name[]): Record<Name, string> {
  const places = new PlaceIndex([]);
  const actors = new ActorBook();
  const index = new StoryIndex();
  let n = 0;
  const storyOf = {} as Record<Name, string>;
  for (const [i, name] of order.entries()) {
    const day = `2025-03-1${i}`;
    const a = analyseArticle(ARTICLES[name], day, places, actors, () => `actor-${++n}`);
    const d = index.add(name, a.features, day, `story-${name}`);
    for (const other of Object.keys(storyOf) as Name[])
      if (d.alsoMatched.includes(storyOf[other])) storyOf[other] = d.storyId;
    storyOf[name] = d.storyId;
  }
  return storyOf;
}

const ALL: Name[] = ['original', 'flood', 'paraphrase', 'court', 'syndicated', 'translation'];

describe('story grouping on hand-written articles', () => {
  for (const [label, order] of [
    ['in order', ALL],
    ['reversed', [...ALL].reverse()],
  ] as const)
    it(`puts a paraphrase, a translation and a re-headlined syndicated copy in one story (${label})`, () => {
      const s = group(order);
      expect(s.paraphrase).toBe(s.original);
      expect(s.syndicated).toBe(s.original);
      expect(s.translation).toBe(s.original);
    });

  it('keeps stories apart that only share the country, the capital and a spokesman', () => {
    const s = group(ALL);
    expect(s.flood).not.toBe(s.original);
    expect(s.court).not.toBe(s.original);
    expect(s.court).not.toBe(s.flood);
    expect(new Set(Object.values(s)).size).toBe(3);
  });
});
