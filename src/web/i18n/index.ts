import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };

/**
 * The interface languages: those responders and survivors in this crisis read. Files are named by these codes
 * (`zh` Simplified, `zh-Hant` Traditional, `fil` Filipino/Tagalog); translations.test.ts checks every key in each.
 */
export const LANGUAGES = ['en', 'km', 'zh', 'zh-Hant', 'id', 'vi', 'th', 'my', 'fil', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  km: 'ខ្មែរ',
  zh: '简体中文',
  'zh-Hant': '繁體中文',
  id: 'Bahasa Indonesia',
  vi: 'Tiếng Việt',
  th: 'ไทย',
  my: 'မြန်မာ',
  fil: 'Filipino',
  ko: '한국어',
};

/** BCP 47 tags for <html lang> and Intl (Simplified Chinese is zh-Hans). */
export const LANGUAGE_TAGS: Record<Language, string> = {
  en: 'en',
  km: 'km',
  zh: 'zh-Hans',
  'zh-Hant': 'zh-Hant',
  id: 'id',
  vi: 'vi',
  th: 'th',
  my: 'my',
  fil: 'fil',
  ko: 'ko',
};

const STORAGE_KEY = 'refuge.language';
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** Maps a stored or user locale (e.g. `zh-Hans`, `zh-TW`, `km-KH`, `in`, `tl`) to a supported language, if any. */
export function toLanguage(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const [base, ...rest] = locale.toLowerCase().split(/[-_]/);
  if (base === 'zh') return rest.includes('hant') || rest.some((r) => TRADITIONAL_REGIONS.has(r)) ? 'zh-Hant' : 'zh';
  if (base === 'in') return 'id';
  if (base === 'tl') return 'fil';
  return (LANGUAGES as readonly string[]).includes(base!) ? (base as Language) : undefined;
}

type Bundle = Record<string, unknown>;
type BundleModule = { default: Bundle };

/**
 * The shell's strings are namespace `translation` (i18n/<lang>.json); feature folders keep theirs in
 * features/<name>/i18n/<lang>.json, namespace <name>. English ships in the bundle (every language falls back to it);
 * the other languages are fetched when chosen, so nine languages cost a reader of one nothing. Server-made text
 * (core/message.ts keys) is namespace `server`, in server/<lang>.json.
 */
const englishFeatures = import.meta.glob<BundleModule>(['../features/*/i18n/en.json', './server/en.json'], {
  eager: true,
});
const otherBundles = import.meta.glob<BundleModule>([
  './*.json',
  './server/*.json',
  '../features/*/i18n/*.json',
  '!./en.json',
  '!./server/en.json',
  '!../features/*/i18n/en.json',
]);

/** The namespace and language of a strings file, from its path. */
function bundleOf(path: string): { namespace: string; language: Language } | undefined {
  const match =
    /features\/(?<namespace>[^/]+)\/i18n\/(?<stem>[^/]+)\.json$/.exec(path) ??
    /^\.\/(?<namespace>server)\/(?<stem>[^/]+)\.json$/.exec(path) ??
    /^\.\/(?<stem>[^/]+)\.json$/.exec(path);
  const stem = match?.groups?.stem ?? '';
  const language = toLanguage(stem);
  // A file must be named exactly by its language code (`zh-TW.json` would otherwise load as zh-Hant).
  return match && language && stem === language
    ? { namespace: match.groups?.namespace ?? 'translation', language }
    : undefined;
}

/** Loaded strings by language and namespace (kept across re-initialisation, e.g. one per component test). */
const loaded = new Map<Language, Record<string, Bundle>>([['en', englishStrings()]]);

function englishStrings(): Record<string, Bundle> {
  const out: Record<string, Bundle> = { translation: en };
  for (const [path, mod] of Object.entries(englishFeatures)) out[bundleOf(path)!.namespace] = mod.default;
  return out;
}

/** Fetches a language's strings once. */
async function loadLanguage(language: Language): Promise<Record<string, Bundle>> {
  const known = loaded.get(language);
  if (known) return known;
  const parts = await Promise.all(
    Object.entries(otherBundles).flatMap(([path, load]) => {
      const bundle = bundleOf(path);
      return bundle?.language === language ? [load().then((mod) => [bundle.namespace, mod.default] as const)] : [];
    }),
  );
  const strings = Object.fromEntries(parts);
  loaded.set(language, strings);
  return strings;
}

/** Loads a language's strings into i18next, then switches to it. */
async function switchTo(language: Language): Promise<void> {
  const strings = await loadLanguage(language);
  for (const [namespace, bundle] of Object.entries(strings))
    if (!i18next.hasResourceBundle(language, namespace)) i18next.addResourceBundle(language, namespace, bundle);
  await i18next.changeLanguage(language);
  applyToDocument(language);
}

export function storedLanguage(): Language | undefined {
  try {
    return toLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function applyToDocument(lang: Language) {
  document.documentElement.lang = LANGUAGE_TAGS[lang];
}

export async function initI18n(): Promise<typeof i18next> {
  const lang = storedLanguage() ?? toLanguage(navigator.language) ?? 'en';
  await loadLanguage(lang);
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(loaded),
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    showSupportNotice: false,
  });
  applyToDocument(lang);
  return i18next;
}

/** The switcher's choice: remembered on this device, and it wins over the account's locale. */
export function chooseLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  void switchTo(lang);
}

/** After sign-in: follow the account's locale unless this device has a remembered choice. */
export function followAccountLocale(locale: string): void {
  if (storedLanguage()) return;
  const lang = toLanguage(locale);
  if (lang && lang !== i18next.language) void switchTo(lang);
}

export function currentLanguage(): Language {
  return toLanguage(i18next.language) ?? 'en';
}
