import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGE_NAMES, LANGUAGE_TAGS, LANGUAGES, toLanguage, type Language } from '../i18n/index.ts';

/** A native select: each language named in itself, remembered on this device. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = toLanguage(i18n.language) ?? 'en';
  return (
    <div className="language-switcher">
      <label htmlFor="language-select" className="visually-hidden">
        {t('header.language')}
      </label>
      <select id="language-select" value={current} onChange={(event) => chooseLanguage(event.target.value as Language)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={LANGUAGE_TAGS[lang]}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}
