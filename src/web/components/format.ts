import { useTranslation } from 'react-i18next';
import { LANGUAGE_TAGS, toLanguage } from '../i18n/index.ts';

/** Number and country-name formatting in the chosen interface language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const tag = LANGUAGE_TAGS[toLanguage(i18n.language) ?? 'en'];
  const numbers = new Intl.NumberFormat(tag);
  let regions: Intl.DisplayNames | undefined;
  try {
    regions = new Intl.DisplayNames([tag, 'en'], { type: 'region' });
  } catch {
    regions = undefined;
  }
  return {
    number: (n: number) => numbers.format(n),
    /** ISO 3166-1 alpha-2 code → country name (the code itself if unknown). */
    country: (code: string) => {
      try {
        return regions?.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}
