import { useTranslation } from 'react-i18next';
import { dateFormatter, dateTag, intlSpeaks, MONTH_NAMES } from './dates.ts';
import { LANGUAGE_TAGS, toLanguage } from './index.ts';

/** Dates and times in the chosen interface language (days are calendar days in UTC, as stored). */
export function useDates() {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.language) ?? 'en';
  const tag = dateTag(language);
  // Without the language's Intl data (Khmer in some browsers), the app's own month names rather than English.
  const own = intlSpeaks(tag) ? null : dateFormatter(language, () => false);
  const day = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const monthYear = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDay = new Intl.DateTimeFormat(tag, { dateStyle: 'long' });
  const local = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const percent = new Intl.NumberFormat(LANGUAGE_TAGS[language], { style: 'percent' });
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
    /** A calendar day ("2026-11-29" or the day of an instant, in UTC). */
    day: (iso: string) => own?.date(iso.slice(0, 10)) ?? day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    /** An instant, in UTC and saying so (monitoring compares events across countries). */
    time: (iso: string) => own?.dateTime(iso) ?? time.format(new Date(iso)),
    /** An instant in the reader's own time zone. */
    localTime: (iso: string) => own?.dateTime(iso) ?? local.format(new Date(iso)),
    /** The day of an instant in the reader's time zone, written out ("29 November 2026"). */
    longDay: (iso: string) => own?.date(iso) ?? longDay.format(new Date(iso)),
    /** A month ("2026-03"). */
    month: (ym: string) => {
      const [y, m] = ym.split('-').map(Number);
      if (own) return `${MONTH_NAMES[language][m! - 1] ?? ym} ${y}`;
      return monthYear.format(new Date(`${ym}-01T00:00:00Z`));
    },
    percent: (x: number) => percent.format(x),
  };
}
