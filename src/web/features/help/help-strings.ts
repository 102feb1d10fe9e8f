import { HELP_LANGUAGES, type HelpLanguage } from '../../../core/help/help-request.ts';

export { HELP_LANGUAGE_TAGS } from '../../../core/help/help-request.ts';
import en from '../../../core/help/translations/en.json' with { type: 'json' };

/**
 * The help page's strings: one JSON file per language in core/help/translations that a translator can edit
 * (help-translations.test.ts checks every file has every key). They live in core because the messages sent to a
 * person's contact (core/help/help-message.ts) say the same things in the same words. English is built in; the others
 * load on demand, so a phone on a slow link downloads only its own language.
 */
export type HelpStrings = typeof en;

const files = import.meta.glob<{ default: HelpStrings }>([
  '../../../core/help/translations/*.json',
  '!../../../core/help/translations/en.json',
]);

/** Each language named in itself, for the picker (also in each file as languageName). */
export const HELP_LANGUAGE_NAMES: Record<HelpLanguage, string> = {
  en: 'English',
  id: 'Bahasa Indonesia',
  zh: '简体中文',
  vi: 'Tiếng Việt',
  th: 'ไทย',
  my: 'မြန်မာ',
  km: 'ខ្មែរ',
  fil: 'Filipino',
  ko: '한국어',
  'pt-BR': 'Português (Brasil)',
  bn: 'বাংলা',
  hi: 'हिन्दी',
  sw: 'Kiswahili',
  fr: 'Français',
};

export async function loadHelpStrings(language: HelpLanguage): Promise<HelpStrings> {
  if (language === 'en') return en;
  const load = files[`../../../core/help/translations/${language}.json`];
  return load ? (await load()).default : en;
}

/**
 * The language from ?lang=, else the browser's first supported one, else English. Nothing is stored. Any Portuguese
 * gets the Brazilian text (the only Portuguese the page has), Tagalog gets Filipino.
 */
export function pickHelpLanguage(search: string, preferred: readonly string[]): HelpLanguage {
  const fromUrl = new URLSearchParams(search).get('lang');
  const candidates = [fromUrl, ...preferred].filter((x): x is string => Boolean(x));
  for (const c of candidates) {
    const lower = c.toLowerCase();
    const base = lower.split(/[-_]/)[0]!;
    const mapped = base === 'tl' ? 'fil' : base === 'in' ? 'id' : base === 'pt' ? 'pt-BR' : base;
    if ((HELP_LANGUAGES as readonly string[]).includes(mapped)) return mapped as HelpLanguage;
  }
  return 'en';
}
