/**
 * Help requests from survivors (issue #15), the pure part: vocabulary, what the person may see of their request's
 * status, the private code's shape, and the spam heuristics used instead of a third-party captcha.
 *
 * Safety rules kept here: the status a person sees never says "spam" (a person misjudged by a heuristic is told
 * nothing that reads as a rejection) and never carries anything about another request; the code is the only key.
 */

/**
 * The page's languages; each has a file in web/features/help/translations (a check makes every file have every key).
 * Portuguese is the Brazilian variant, hence the region in its code.
 */
export const HELP_LANGUAGES = [
  'en',
  'id',
  'zh',
  'vi',
  'th',
  'my',
  'km',
  'fil',
  'ko',
  'pt-BR',
  'bn',
  'hi',
  'sw',
  'fr',
] as const;
export type HelpLanguage = (typeof HELP_LANGUAGES)[number];

/** BCP 47 tags for <html lang> and for dates: the script matters for fonts (Simplified Chinese, Burmese in Myanmar script). */
export const HELP_LANGUAGE_TAGS: Record<HelpLanguage, string> = {
  en: 'en',
  id: 'id',
  zh: 'zh-Hans',
  vi: 'vi',
  th: 'th',
  my: 'my',
  km: 'km',
  fil: 'fil',
  ko: 'ko',
  'pt-BR': 'pt-BR',
  bn: 'bn',
  hi: 'hi',
  sw: 'sw',
  fr: 'fr',
};

export const HELP_REQUEST_STATUSES = ['received', 'will_contact', 'closed', 'spam'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** What the person with the code is told. */
export const HELP_PUBLIC_STATUSES = ['received', 'will_contact', 'closed'] as const;
export type HelpPublicStatus = (typeof HELP_PUBLIC_STATUSES)[number];

export const HELP_NEEDS = [
  'safety',
  'medical',
  'shelter',
  'food',
  'documents',
  'travel_home',
  'family_contact',
  'legal',
  'other',
] as const;
export type HelpNeed = (typeof HELP_NEEDS)[number];

export const HELP_CONTACT_CHANNELS = ['phone', 'whatsapp', 'telegram', 'line', 'viber', 'signal', 'other'] as const;

/** Marked as spam by a heuristic, a request still says "received" to whoever holds its code. */
export function publicStatus(status: HelpRequestStatus): HelpPublicStatus {
  return status === 'spam' ? 'received' : status;
}

/** What the organisation tells the person to do next: where to go and the date of their flight home (both optional). */
export interface HelpNextSteps {
  place: string | null;
  /** YYYY-MM-DD: a day, not a time (a flight time the person needs is given by someone who contacts them). */
  flightDate: string | null;
}
export const NO_NEXT_STEPS: HelpNextSteps = { place: null, flightDate: null };

/** A YYYY-MM-DD day written out in a language (the page and the messages show it alike); the day itself if it cannot. */
export function formatHelpDay(day: string, tag: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) return day;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Everything the holder of a code is told, and nothing else. A request marked spam says "received" and carries no
 * next steps, exactly like a request nobody has looked at yet.
 */
export function publicView(
  status: HelpRequestStatus,
  next: HelpNextSteps | null,
): { status: HelpPublicStatus } & HelpNextSteps {
  const steps = status === 'spam' || !next ? NO_NEXT_STEPS : next;
  return { status: publicStatus(status), place: steps.place, flightDate: steps.flightDate };
}

/** Crockford base32 without I, L, O, U: easy to read aloud and to copy by hand. 12 characters = 60 bits. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

/** `bytes` (at least 12 random bytes) as a code `XXXX-XXXX-XXXX`. */
export function formatCode(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error('need 12 random bytes');
  const chars = Array.from(bytes.subarray(0, CODE_LENGTH), (b) => CODE_ALPHABET[b & 31]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join('')).join('-');
}

/** A code as a person may type it (lower case, spaces, O for 0, I/L for 1), or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8)}`;
}

export interface HelpContent {
  name?: string;
  nationality?: string;
  contact?: { channel: string; value: string };
  needs: readonly string[];
  location?: string;
  message?: string;
}

/**
 * Heuristic signs of spam, by name. A honeypot field filled in (people do not see it; scripts fill it) and links or
 * repeated text in the free fields are the usual marks of scripted submissions. None of them is proof, so a flagged
 * request is kept and marked, never dropped; only the honeypot is answered without storing anything.
 */
export function spamSignals(content: HelpContent, honeypot: string | undefined): string[] {
  const signals: string[] = [];
  if (honeypot && honeypot.trim() !== '') signals.push('honeypot');
  const text = [content.name, content.location, content.message].filter(Boolean).join(' ');
  const links = text.match(/https?:\/\/|www\.|\[url|<a\s/gi)?.length ?? 0;
  if (links >= 2) signals.push('links');
  if (/(.{3,}?)\1{5,}/su.test(text)) signals.push('repetition');
  if (content.name && /https?:\/\/|www\./i.test(content.name)) signals.push('link_in_name');
  if (content.needs.length === 0 && !content.message && !content.contact) signals.push('empty');
  return signals;
}
