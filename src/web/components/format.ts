import { useTranslation } from 'react-i18next';
import type { PublishedCount } from '../../contracts/statistics.ts';
import { MINIMUM_CELL } from '../../core/statistics/suppression.ts';
import { LANGUAGE_TAGS, toLanguage } from '../i18n/index.ts';

/** The pooled statistical nationalities and the translation key of each. */
const POOLED_KEY = {
  other: 'otherNationalities',
  multiple: 'multipleNationalities',
  unknown: 'unknownNationality',
} as const;
const POOLED = new Set(Object.keys(POOLED_KEY));

/** Number and country-name formatting in the chosen interface language. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const tag = LANGUAGE_TAGS[toLanguage(i18n.language) ?? 'en'];
  const numbers = new Intl.NumberFormat(tag);
  let regions: Intl.DisplayNames | undefined;
  try {
    regions = new Intl.DisplayNames([tag, 'en'], { type: 'region' });
  } catch {
    regions = undefined;
  }
  const country = (code: string) => {
    try {
      return regions?.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
  return {
    number: (n: number) => numbers.format(n),
    /** A count that may be suppressed: the number, or "<11" (explained once per page by SuppressionNote). */
    count: (c: PublishedCount) =>
      c === 'suppressed' ? t('statistics.suppressed', { k: MINIMUM_CELL }) : numbers.format(c),
    /** A statistical nationality: a country, or one of the pooled groups (other, multiple, unknown). */
    nationality: (code: string) =>
      POOLED.has(code)
        ? t(`statistics.${POOLED_KEY[code as keyof typeof POOLED_KEY]}`, { k: MINIMUM_CELL })
        : country(code),
    /** ISO 3166-1 alpha-2 code → country name (the code itself if unknown). */
    country,
  };
}
