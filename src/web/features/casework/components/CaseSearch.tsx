import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The "find a person" box: a name in any script, a phone or document number, or the start of a case reference.
 * "/" focuses it from anywhere on the page (not while typing in another field); the term is searched on submit, so
 * each search is one audited request rather than one per keystroke.
 */
export function CaseSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation('casework');
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || el.isContentEditable) return;
      e.preventDefault();
      input.current?.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form
      role="search"
      className="cw-search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim().length >= 2 ? text.trim() : '');
      }}
    >
      <label htmlFor="case-search">{t('search.label')}</label>
      <input
        id="case-search"
        ref={input}
        type="search"
        value={text}
        maxLength={120}
        aria-describedby="case-search-hint"
        aria-keyshortcuts="/"
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '') onSearch('');
        }}
      />
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
      <p id="case-search-hint" className="muted">
        {t('search.hint')}
      </p>
    </form>
  );
}
