import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };
import km from './km.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };

/** The interface languages: English, Khmer, Simplified Chinese, Indonesian. */
export const LANGUAGES = ['en', 'km', 'zh', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  km: 'ខ្មែរ',
  zh: '简体中文',
  id: 'Bahasa Indonesia',
};

/** BCP 47 tags for <html lang> and Intl (Simplified Chinese is zh-Hans). */
export const LANGUAGE_TAGS: Record<Language, string> = { en: 'en', km: 'km', zh: 'zh-Hans', id: 'id' };

const STORAGE_KEY = 'refuge.language';

/** Maps a stored or user locale (e.g. `zh-Hans`, `km-KH`, `in`) to a supported language, if any. */
export function toLanguage(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_]/)[0]!;
  if (base === 'in') return 'id';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : undefined;
}

/** Feature folders keep their own strings in features/<name>/i18n/<lang>.json: namespace <name>. */
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/i18n/*.json', {
  eager: true,
});

/**
 * Server-made text (core/message.ts keys) in namespace `server`: server/<lang>.json, named by the
 * exact language code, so a file for a language the app does not offer yet waits unused.
 */
const serverFiles = import.meta.glob<{ default: Record<string, unknown> }>('./server/*.json', { eager: true });

function resources() {
  const out: Record<string, Record<string, Record<string, unknown>>> = {
    en: { translation: en },
    km: { translation: km },
    zh: { translation: zh },
    id: { translation: id },
  };
  for (const [path, mod] of Object.entries(featureFiles)) {
    const match = /features\/([^/]+)\/i18n\/([^/]+)\.json$/.exec(path);
    const lang = match && toLanguage(match[2]);
    if (match && lang) out[lang]![match[1]!] = mod.default;
  }
  for (const [path, mod] of Object.entries(serverFiles)) {
    const code = /server\/([^/]+)\.json$/.exec(path)?.[1];
    if (code && (LANGUAGES as readonly string[]).includes(code)) (out[code] ??= {}).server = mod.default;
  }
  return out;
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
  await i18next.use(initReactI18next).init({
    resources: resources(),
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
  void i18next.changeLanguage(lang);
  applyToDocument(lang);
}

/** After sign-in: follow the account's locale unless this device has a remembered choice. */
export function followAccountLocale(locale: string): void {
  if (storedLanguage()) return;
  const lang = toLanguage(locale);
  if (lang && lang !== i18next.language) {
    void i18next.changeLanguage(lang);
    applyToDocument(lang);
  }
}

export function currentLanguage(): Language {
  return toLanguage(i18next.language) ?? 'en';
}
