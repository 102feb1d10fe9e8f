import { useTranslation } from 'react-i18next';
import { LANGUAGE_TAGS, toLanguage } from '../../i18n/index.ts';

/** Dates and times in the chosen interface language (days are calendar days in UTC, as stored). */
export function useDates() {
  const { i18n } = useTranslation();
  const tag = LANGUAGE_TAGS[toLanguage(i18n.language) ?? 'en'];
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
    day: (iso: string) => day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    time: (iso: string) => time.format(new Date(iso)),
    percent: (x: number) => percent.format(x),
  };
}
