import { describe, expect, it } from 'vitest';
import { buildModel } from '../../core/matching/model.ts';
import { MatchIndex } from '../../core/matching/match-index.ts';
import { survivorSettings } from '../../core/matching/synthetic-settings.ts';
import type { MatchRecord } from '../../core/matching/types.ts';
import { SURVIVOR_MODEL_PARAMETERS, survivorModel } from './model.service.ts';

const person = (id: string, name: string): MatchRecord => ({
  id,
  fields: { name, dob: '1990-04-12', phone: null, nationality: 'MY', passport: null },
});

describe("the product's survivor model", () => {
  it('has one weight per level of every comparison, all finite', () => {
    const model = survivorModel();
    model.comparators.forEach((comp, c) => {
      expect(model.weights[c]).toHaveLength(comp.levels.length);
      for (const w of model.weights[c]!) expect(Number.isFinite(w)).toBe(true);
    });
  });

  it('refuses parameters that do not line up with the levels (a comparator that gained a level)', () => {
    const short = {
      ...SURVIVOR_MODEL_PARAMETERS,
      m: [SURVIVOR_MODEL_PARAMETERS.m[0]!.slice(1), ...SURVIVOR_MODEL_PARAMETERS.m.slice(1)],
    };
    expect(() => buildModel(survivorSettings(), short)).toThrow(/comparison 0 \(name\)/);
    const missing = { ...SURVIVOR_MODEL_PARAMETERS, u: SURVIVOR_MODEL_PARAMETERS.u.slice(0, -1) };
    expect(() => buildModel(survivorSettings(), missing)).toThrow(/for \d+ levels|cover/);
  });

  it('weighs given names written in another romanisation of the same characters as evidence for a match', () => {
    const index = new MatchIndex(survivorModel());
    index.add(person('hokkien', 'Lim Teck Seng'));
    index.add(person('other', 'Lim Ah Kow'));
    const [best] = index.score(person('pinyin', 'Lin Desheng'));
    expect(best?.id).toBe('hokkien');
    expect(best!.provenance.levels.name).toBe(survivorModel().comparators[0]!.levels.indexOf('romanisation'));
    // Same surname class, same birth date and nationality, but other given names: no stronger than that level.
    const namesake = index.score(person('namesake', 'Lin Dewen')).find((c) => c.id === 'hokkien');
    expect(namesake === undefined || namesake.matchWeight < best!.matchWeight).toBe(true);
  });
});
