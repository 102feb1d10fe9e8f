/**
 * Levels of agreement between two names, strongest first. The matching engine maps these onto
 * Fellegi–Sunter agreement levels, so the order is part of the API.
 */
export const NAME_LEVELS = [
  'exact',
  'same_after_normalisation',
  /** Equal through transliteration, a script change or a reading of Han characters. */
  'same_reading',
  'reordered',
  /** Family names are romanisations of the same Chinese surname (Chan Chi vs Chen Zhi). */
  'surname_equivalent',
  /**
   * Family names in the same surname class and the given names, syllable by syllable, readings of the same
   * characters in different romanisations (Lim Teck Seng vs Lin Desheng, Chan Tai Man vs Chen Dawen).
   */
  'romanisation',
  'fuzzy_strong',
  'fuzzy_weak',
  /** The tokens of one name are contained in the other (single name vs full name). */
  'partial',
  /**
   * Every token of the shorter name loosely like its own token of the other (Jaro–Winkler ≥ 0.75, a short or
   * pet form), one at least a close match: Nazrul Islam / Nojrull Islam, Anwar Hossen / Muhammad Anoyar Hosn.
   * Weak evidence; the weights decide. Chen Zhi / Chen Li and Sok Dara / Sok Dina stay 'different'.
   */
  'loose',
  'different',
] as const;
export type NameLevel = (typeof NAME_LEVELS)[number];

export interface NameComparison {
  level: NameLevel;
  /** 0..1, monotone with the level for a given pair of token lists. */
  similarity: number;
  /** Why, in words a caseworker can check ("family name equal in Vietnamese reading: Trần = 陳"). */
  explanation: string;
}

/** Rank of a level: 0 for 'exact' up to 10 for 'different'. */
export function levelRank(level: NameLevel): number {
  return NAME_LEVELS.indexOf(level);
}
