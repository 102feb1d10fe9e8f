import { describe, expect, it } from 'vitest';
import { SCREEN_FEATURES } from '../../../../core/networks/screen-score.ts';
import en from './en.json' with { type: 'json' };

/** The networks page shows every screening feature by name; each needs a label (other languages: translations.test). */
describe('networks strings cover what the pages show', () => {
  it('every screening feature has a label', () => {
    expect(SCREEN_FEATURES.filter((f) => !(f in en.feature))).toEqual([]);
  });
});
