/**
 * Every comparison level name the engine can report, as stable label keys: the web words each one in
 * the reader's language (matching namespace `level.*`) instead of showing the English explanation.
 * The string comparator names two levels after its thresholds (jaro_winkler_0.92, levenshtein_2);
 * they share one key per measure so a changed threshold needs no new words.
 */
// Only the small level list: the web imports this module, and names-port.ts would bring any-ascii along.
import { NAME_LEVELS } from '../names/name-levels.ts';

export const MATCH_LEVEL_KEYS = [
  ...new Set([
    // The fallback names layer (names-port.ts) uses the same names; levels.test.ts checks both.
    ...NAME_LEVELS,
    // Comparators' own levels (src/core/matching/comparators/*.ts); a missing value is 'null'.
    'null',
    'else',
    'exact',
    'jaro_winkler',
    'levenshtein',
    'day_month_swapped',
    'one_digit_typo',
    'year_month',
    'year',
    'within_one_year',
    'full_dates_differ',
    'same_number',
    'last_7_digits',
    'ocr_confusion',
    'one_edit',
    'same',
    'overlapping',
    'same_prefix',
    'same_tokens',
    'similar',
    'shares_word',
  ]),
] as const;
export type MatchLevelKey = (typeof MATCH_LEVEL_KEYS)[number];

/** The label key of a reported level name, or null for one the engine does not produce. */
export function matchLevelKey(level: string): MatchLevelKey | null {
  const key = level.replace(/^(jaro_winkler|levenshtein)_[\d.]+$/, '$1');
  return (MATCH_LEVEL_KEYS as readonly string[]).includes(key) ? (key as MatchLevelKey) : null;
}
