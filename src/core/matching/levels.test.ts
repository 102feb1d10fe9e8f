import { describe, expect, it } from 'vitest';
import { COMPARATOR_KINDS } from './types.ts';
import { buildComparator } from './comparators/build-comparator.ts';
import { personNameComparator } from './comparators/person-name.ts';
import { fallbackNamesLayer } from './names-port.ts';
import { MATCH_LEVEL_KEYS, matchLevelKey } from './levels.ts';

describe('comparison level label keys', () => {
  it('every level a comparator can report has a label key (the web words each key)', () => {
    const comparators = [
      ...COMPARATOR_KINDS.map((kind) => buildComparator({ kind, name: kind, fields: ['x'] })),
      // Other thresholds name the string levels differently: still the same keys.
      buildComparator({ kind: 'string', name: 's', fields: ['x'], options: { jwHigh: 0.95, jwLow: 0.7, maxEdits: 1 } }),
      personNameComparator({ kind: 'person_name', name: 'n', fields: ['x'] }, fallbackNamesLayer),
    ];
    const unlabelled = comparators.flatMap((c) => [...c.levels, 'null'].filter((l) => matchLevelKey(l) === null));
    expect(unlabelled).toEqual([]);
  });

  it('refuses level names the engine does not produce', () => {
    expect(matchLevelKey('jaro_winkler_0.92')).toBe('jaro_winkler');
    expect(matchLevelKey('levenshtein_2')).toBe('levenshtein');
    expect(matchLevelKey('level 7')).toBeNull();
    expect(matchLevelKey('jaro_winkler_x')).toBeNull();
    expect(new Set(MATCH_LEVEL_KEYS).size).toBe(MATCH_LEVEL_KEYS.length);
  });
});
