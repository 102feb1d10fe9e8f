/**
 * Dates in the interface language. The browser's Intl is used when it really has the language's data; some browsers
 * ship without Khmer (Intl then falls back to English: "Nov 29, 2026" in the Khmer interface), so a language Intl
 * does not speak is formatted here, with the app's own month names.
 */
import type { Language } from './index.ts';
import { LANGUAGE_TAGS } from './index.ts';

/** Month names (January first) as each interface language writes them in a date: short form where one is usual. */
export const MONTH_NAMES: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  km: ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  'zh-Hant': ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  vi: ['thg 1', 'thg 2', 'thg 3', 'thg 4', 'thg 5', 'thg 6', 'thg 7', 'thg 8', 'thg 9', 'thg 10', 'thg 11', 'thg 12'],
  th: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'],
  my: ['ဇန်နဝါရီ', 'ဖေဖော်ဝါရီ', 'မတ်', 'ဧပြီ', 'မေ', 'ဇွန်', 'ဇူလိုင်', 'ဩဂုတ်', 'စက်တင်ဘာ', 'အောက်တိုဘာ', 'နိုဝင်ဘာ', 'ဒီဇင်ဘာ'],
  fil: ['Ene', 'Peb', 'Mar', 'Abr', 'May', 'Hun', 'Hul', 'Ago', 'Set', 'Okt', 'Nob', 'Dis'],
  ko: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
};

/** Languages that write a day year first with unit characters ("2026年11月29日", "2026년 11월 29일"). */
const YEAR_FIRST: Partial<Record<Language, (y: number, m: number, d: number) => string>> = {
  zh: (y, m, d) => `${y}年${m}月${d}日`,
  'zh-Hant': (y, m, d) => `${y}年${m}月${d}日`,
  ko: (y, m, d) => `${y}년 ${m}월 ${d}일`,
};

/**
 * The Intl tag for dates: the language's, on the Gregorian calendar. Thai Intl counts Buddhist years (2569), while
 * the dates typed into the forms and shared between organisations are Gregorian; one calendar avoids misreadings.
 */
export function dateTag(language: Language): string {
  return `${LANGUAGE_TAGS[language]}-u-ca-gregory`;
}

/** Whether this Intl has the language's own date data (not a silent fallback to another language). */
export function intlSpeaks(tag: string): boolean {
  try {
    const resolved = new Intl.DateTimeFormat(tag).resolvedOptions().locale;
    return resolved.split('-')[0] === tag.split('-')[0];
  } catch {
    return false;
  }
}

/** A calendar day ("2026-11-29") is that day wherever the reader is; an instant is shown in the reader's time. */
const isCalendarDay = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso);

export interface DateFormatter {
  /** A day: "29 Nov 2026", "29 វិច្ឆិកា 2026", "2026年11月29日". */
  date(iso: string | null | undefined): string;
  /** A day and the time of day (24-hour). */
  dateTime(iso: string | null | undefined): string;
}

/** The formatter of a language; `speaks` is injectable so the fallback is testable where Intl has every language. */
export function dateFormatter(language: Language, speaks: (tag: string) => boolean = intlSpeaks): DateFormatter {
  const tag = dateTag(language);
  const parse = (iso: string) => new Date(isCalendarDay(iso) ? `${iso}T00:00:00Z` : iso);
  const guard =
    (format: (d: Date, iso: string) => string) =>
    (iso: string | null | undefined): string => {
      if (!iso) return '—';
      const d = parse(iso);
      return Number.isNaN(d.getTime()) ? iso : format(d, iso);
    };
  if (speaks(tag)) {
    const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const utcDay = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      date: guard((d, iso) => (isCalendarDay(iso) ? utcDay : day).format(d)),
      dateTime: guard((d) => dateTime.format(d)),
    };
  }
  const yearFirst = YEAR_FIRST[language];
  const ownDay = (y: number, m: number, d: number) =>
    yearFirst ? yearFirst(y, m + 1, d) : `${d} ${MONTH_NAMES[language][m]} ${y}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: guard((d, iso) =>
      isCalendarDay(iso)
        ? ownDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
        : ownDay(d.getFullYear(), d.getMonth(), d.getDate()),
    ),
    dateTime: guard(
      (d) => `${ownDay(d.getFullYear(), d.getMonth(), d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
    ),
  };
}
