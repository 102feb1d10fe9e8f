import { useTranslation } from 'react-i18next';
import { dateFormatter } from '../../../i18n/dates.ts';
import { toLanguage } from '../../../i18n/index.ts';

/** Dates and times in the interface language (the shell's useFormat has numbers and countries only). */
export function useDates() {
  const { i18n } = useTranslation();
  return dateFormatter(toLanguage(i18n.language) ?? 'en');
}
