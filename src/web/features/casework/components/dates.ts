import { useTranslation } from 'react-i18next';
import { LANGUAGE_TAGS, toLanguage } from '../../../i18n/index.ts';

/** Dates and times in the interface language (the shell's useFormat has numbers and countries only). */
export function useDates() {
  const { i18n } = useTranslation();
  const tag = LANGUAGE_TAGS[toLanguage(i18n.language) ?? 'en'];
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const safe = (f: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
    if (!iso) return '—';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
  return { dateTime: safe(dateTime), date: safe(date) };
}
