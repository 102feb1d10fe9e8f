import { useTranslation } from 'react-i18next';
import { dateFormatter, intlSpeaks } from '../../i18n/dates.ts';
import { LANGUAGE_TAGS, toLanguage } from '../../i18n/index.ts';

/** Dates and times in the chosen interface language (days are calendar days in UTC, as stored). */
export function useDates() {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.language) ?? 'en';
  const tag = LANGUAGE_TAGS[language];
  // Without the language's Intl data (Khmer in some browsers), the app's own month names rather than English.
  const own = intlSpeaks(tag) ? null : dateFormatter(language, () => false);
  const day = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(tag, { style: 'percent' });
  const time = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  return {
    day: (iso: string) => own?.date(iso.slice(0, 10)) ?? day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    time: (iso: string) => own?.dateTime(iso) ?? time.format(new Date(iso)),
    percent: (x: number) => percent.format(x),
  };
}
