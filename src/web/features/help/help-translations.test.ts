import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_CONTACT_CHANNELS, HELP_LANGUAGES, HELP_NEEDS } from '../../../core/help/help-request.ts';
import { HELP_LANGUAGE_NAMES, pickHelpLanguage } from './help-strings.ts';

const dir = join(import.meta.dirname, 'translations');
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (value && typeof value === 'object') for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, String(value));
  }
  return out;
}
const load = (lang: string) => leaves(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')));
const en = load('en');

/** The script each language is written in: a file copied from English by mistake fails here. */
const SCRIPT: Record<string, RegExp> = {
  zh: /[\u4E00-\u9FFF]/,
  th: /[\u0E00-\u0E7F]/,
  my: /[\u1000-\u109F]/,
  km: /[\u1780-\u17FF]/,
  ko: /[\uAC00-\uD7AF]/,
  vi: /[àáâãèéêìíòóôõùúýăđĩũơư\u1EA0-\u1EF9]/i,
};

describe('help page translations', () => {
  it('there is a file for every language the page offers, and no other', () => {
    expect(
      readdirSync(dir)
        .map((f) => f.replace(/\.json$/, ''))
        .sort(),
    ).toEqual([...HELP_LANGUAGES].sort());
  });

  it('English names every need and contact channel the form shows', () => {
    const needed = [...HELP_NEEDS.map((n) => `need.${n}`), ...HELP_CONTACT_CHANNELS.map((c) => `channel.${c}`)];
    expect(needed.filter((k) => !en.has(k))).toEqual([]);
  });

  it.each(HELP_LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys, none empty', (lang) => {
    const other = load(lang);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of other) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    expect(other.get('languageName')).toBe(HELP_LANGUAGE_NAMES[lang]);
  });

  it.each(Object.keys(SCRIPT))('%s is written in its own script, sentence by sentence', (lang) => {
    const other = load(lang);
    const sentences = ['title', 'lead', 'who', 'next', 'quickExit', 'send', 'codeHint', 'status.received'];
    for (const key of sentences) expect(other.get(key), `${lang} ${key}`).toMatch(SCRIPT[lang]!);
    // Not a copy of the English text anywhere but brand names.
    const same = [...other].filter(([k, v]) => v === en.get(k) && !k.startsWith('channel.'));
    expect(same).toEqual([]);
  });

  it('picks the language from ?lang=, then the browser, then English (Tagalog and old Indonesian codes mapped)', () => {
    expect(pickHelpLanguage('?lang=km', ['zh-CN'])).toBe('km');
    expect(pickHelpLanguage('', ['de-DE', 'my-MM'])).toBe('my');
    expect(pickHelpLanguage('', ['tl-PH'])).toBe('fil');
    expect(pickHelpLanguage('', ['in'])).toBe('id');
    expect(pickHelpLanguage('?lang=xx', ['de'])).toBe('en');
  });
});
