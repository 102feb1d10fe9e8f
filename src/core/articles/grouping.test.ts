import { describe, expect, it } from 'vitest';
import { FIXTURES, GOLDEN_REEF } from '../../testing/article-fixtures.ts';
import { ActorBook, resolveActor } from './actors.ts';
import { analyseArticle } from './analyse.ts';
import { figureOf, vagueFigure } from './figures.ts';
import { detectLanguage } from './language.ts';
import { PlaceIndex } from './places.ts';
import { reconcile, type FigureClaim } from './reconcile.ts';
import { StoryIndex } from './stories.ts';

function runAll(order: (keyof typeof FIXTURES)[], registry = [GOLDEN_REEF]) {
  const places = new PlaceIndex(registry);
  const actors = new ActorBook();
  let n = 0;
  const index = new StoryIndex();
  const out: Record<string, { storyId: string; analysed: ReturnType<typeof analyseArticle> }> = {};
  for (const name of order) {
    const analysed = analyseArticle(FIXTURES[name], '2025-11-12', places, actors, () => `actor-${++n}`);
    const decision = index.add(name, analysed.features, '2025-11-12', `story-${name}`);
    for (const a of Object.values(out)) if (decision.alsoMatched.includes(a.storyId)) a.storyId = decision.storyId;
    out[name] = { storyId: decision.storyId, analysed };
  }
  return out;
}

describe('stories, actors and disagreements', () => {
  const all = runAll(['harbourWire', 'floodRelief', 'mekongDaily', 'casinoCourt', 'translationId']);

  it('groups paraphrases and a translation into one story, and keeps unrelated stories apart', () => {
    expect(all.mekongDaily!.storyId).toBe(all.harbourWire!.storyId);
    expect(all.translationId!.storyId).toBe(all.harbourWire!.storyId);
    expect(all.floodRelief!.storyId).not.toBe(all.harbourWire!.storyId);
    expect(all.casinoCourt!.storyId).not.toBe(all.harbourWire!.storyId);
    expect(all.casinoCourt!.storyId).not.toBe(all.floodRelief!.storyId);
    expect(new Set(Object.values(all).map((a) => a.storyId)).size).toBe(3);
  });

  it('groups the translation by shared names and figures even when the compound is not in the registry', () => {
    const bare = runAll(['harbourWire', 'mekongDaily', 'translationId', 'floodRelief', 'casinoCourt'], []);
    expect(new Set([bare.harbourWire!.storyId, bare.mekongDaily!.storyId, bare.translationId!.storyId]).size).toBe(1);
    expect(new Set(Object.values(bare).map((a) => a.storyId)).size).toBe(3);
  });

  it('groups the same way whatever the order of arrival', () => {
    const reversed = runAll(['translationId', 'casinoCourt', 'mekongDaily', 'floodRelief', 'harbourWire']);
    expect(reversed.harbourWire!.storyId).toBe(reversed.translationId!.storyId);
    expect(reversed.mekongDaily!.storyId).toBe(reversed.translationId!.storyId);
    expect(reversed.floodRelief!.storyId).not.toBe(reversed.translationId!.storyId);
  });

  it('resolves name variants across articles to one actor', () => {
    const actorOf = (name: keyof typeof FIXTURES, quote: string) =>
      all[name]!.analysed.claims.find((c) => c.quote === quote)?.actorId;
    expect(actorOf('mekongDaily', 'Tran Chi')).toBe(actorOf('harbourWire', 'Chen Zhi'));
    expect(actorOf('mekongDaily', 'Monse Ferrer')).toBe(actorOf('harbourWire', 'Montse Ferrer'));
    expect(actorOf('mekongDaily', 'Sok Vanna')).toBe(actorOf('harbourWire', 'Sok Vanna'));
    expect(actorOf('harbourWire', 'Chen Zhi')).not.toBe(actorOf('harbourWire', 'Montse Ferrer'));
    expect(actorOf('floodRelief', 'Lina Hart')).not.toBe(actorOf('harbourWire', 'Montse Ferrer'));
    expect(resolveActor('陈志', 'person', [{ id: 'x', kind: 'person', names: ['Chen Zhi'] }]).actorId).toBe('x');
    expect(
      resolveActor('Mark Ferrer', 'person', [{ id: 'x', kind: 'person', names: ['Montse Ferrer'] }]).actorId,
    ).toBeNull();
  });

  it('flags differing and conflicting figures per quantity, never within one article', () => {
    const claims: FigureClaim[] = Object.entries(all).flatMap(([article, a]) =>
      a.analysed.claims.flatMap((c, i) =>
        c.kind === 'people_count' || c.kind === 'place_count' || c.kind === 'money'
          ? [
              {
                claimId: `${article}#${i}:${c.quote}`,
                articleId: article,
                storyId: a.storyId,
                key: c.key,
                figure: c.value,
              },
            ]
          : [],
      ),
    );
    const groups = reconcile(claims);
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g]));
    expect(byKey['place_count:scam_site']?.agreement).toBe('compatible');
    expect(byKey['place_count:scam_site']?.claims.map((c) => c.figure.low).sort()).toEqual([10, 17]);
    expect(byKey['people_count:person:ID']?.agreement).toBe('compatible');
    // Only one article states money: no group.
    expect(byKey['money:USD']).toBeUndefined();
    const conflicting = reconcile([
      { claimId: 'a', articleId: 'x', storyId: 's', key: 'k', figure: figureOf(1440, 'exact', true) },
      { claimId: 'b', articleId: 'y', storyId: 's', key: 'k', figure: figureOf(900, 'up_to', true) },
      { claimId: 'c', articleId: 'y', storyId: 's', key: 'k', figure: figureOf(1400, 'more_than', true) },
      { claimId: 'd', articleId: 'z', storyId: 's', key: 'k', figure: figureOf(5, 'exact', true), rejected: true },
    ]);
    expect(conflicting).toHaveLength(1);
    expect(conflicting[0]!.agreement).toBe('conflict');
    expect(conflicting[0]!.conflicts).toEqual([['a', 'b']]);
    const agreeing = reconcile([
      { claimId: 'a', articleId: 'x', storyId: 's', key: 'k', figure: figureOf(1440, 'exact', true) },
      { claimId: 'b', articleId: 'y', storyId: 's', key: 'k', figure: figureOf(1440, 'exact', true) },
      { claimId: 'c', articleId: 'y', storyId: 'other', key: 'k', figure: figureOf(3, 'exact', true) },
    ]);
    expect(agreeing.map((g) => g.agreement)).toEqual(['agree']);
  });

  it('defines the interval of each qualifier', () => {
    expect(figureOf(1400, 'more_than', true)).toMatchObject({ low: 1401, high: null });
    expect(figureOf(1400, 'more_than', false)).toMatchObject({ low: 1400, high: null });
    expect(figureOf(100, 'fewer_than', true)).toMatchObject({ low: 0, high: 99 });
    expect(figureOf(1000, 'about', true)).toMatchObject({ low: 900, high: 1100 });
    expect(figureOf(300, 'range', true, 200)).toMatchObject({ low: 200, high: 300 });
    expect(vagueFigure('tens of thousands')).toMatchObject({ low: 20_000, high: 99_999 });
  });

  it('detects languages', () => {
    expect(detectLanguage(FIXTURES.harbourWire)).toBe('en');
    expect(detectLanguage(FIXTURES.translationId)).toBe('id');
    expect(detectLanguage('柬埔寨警方周二表示，已有一千多名印度尼西亚公民获释。')).toBe('zh');
    expect(detectLanguage('ប៉ូលីសកម្ពុជាបាននិយាយកាលពីថ្ងៃអង្គារ')).toBe('km');
    expect(detectLanguage('12345 67890')).toBe('und');
    // Short, name-heavy English that trigram models alone read as French.
    expect(
      detectLanguage(
        'Exits at Golden Fortune Park. Police in Koh Kong said exits were seen at at least 10 scam zones since March; 400 Indonesian nationals left Golden Fortune Park.',
      ),
    ).toBe('en');
    expect(
      detectLanguage(
        'Le gouvernement a annoncé que les travailleurs étrangers seraient rapatriés la semaine prochaine.',
      ),
    ).toBe('fr');
  });
});
