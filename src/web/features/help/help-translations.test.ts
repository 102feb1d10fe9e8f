import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_CONTACT_CHANNELS, HELP_LANGUAGES, HELP_NEEDS } from '../../../core/help/help-request.ts';
import { HELP_LANGUAGE_NAMES, pickHelpLanguage } from './help-strings.ts';

const dir = join(import.meta.dirname, '../../../core/help/translations');
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
  bn: /[\u0980-\u09FF]/,
  hi: /[\u0900-\u097F]/,
};

/** Latin-script languages cannot be told apart by script: each is checked for words English does not have instead. */
const words = (list: string) => new RegExp(`(?<!\\p{L})(${list})(?!\\p{L})`, 'iu');
const OWN_WORDS: Record<string, RegExp> = {
  'pt-BR': words('você|seu|pedido|código|não|alguém|ou|organização|tente'),
  fr: words('vous|votre|demande|ce|nous|la|réessayez'),
  sw: words('ombi|msimbo|lako|wako|msaada|tena|kuona|mtu|hapa|wewe|kuliona|kutueleza'),
};
const SENTENCES = [
  'title',
  'lead',
  'who',
  'next',
  'quickExit',
  'send',
  'codeHint',
  'status.received',
  'whereToGo',
  'flightDate',
];

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
    for (const key of SENTENCES) expect(other.get(key), `${lang} ${key}`).toMatch(SCRIPT[lang]!);
  });

  it.each(Object.keys(OWN_WORDS))('%s reads as that language in its longer sentences', (lang) => {
    const other = load(lang);
    for (const key of ['lead', 'who', 'next', 'codeHint', 'status.received'])
      expect(other.get(key), `${lang} ${key}`).toMatch(OWN_WORDS[lang]!);
    // The words would catch a file left in English.
    for (const key of ['lead', 'who', 'next', 'codeHint', 'status.received'])
      expect(en.get(key)).not.toMatch(OWN_WORDS[lang]!);
  });

  it.each(HELP_LANGUAGES.filter((l) => l !== 'en'))('%s copies no English text but brand names', (lang) => {
    const same = [...load(lang)].filter(([k, v]) => v === en.get(k) && !k.startsWith('channel.'));
    expect(same).toEqual([]);
  });

  it('every language the page offers is checked for its script or its own words', () => {
    const checked = new Set([...Object.keys(SCRIPT), ...Object.keys(OWN_WORDS)]);
    // Indonesian and Filipino were added before these checks; the copy check above still covers them.
    expect(HELP_LANGUAGES.filter((l) => l !== 'en' && !checked.has(l))).toEqual(['id', 'fil']);
  });

  it('picks the language from ?lang=, then the browser, then English (Tagalog and old Indonesian codes mapped)', () => {
    expect(pickHelpLanguage('?lang=km', ['zh-CN'])).toBe('km');
    expect(pickHelpLanguage('', ['de-DE', 'my-MM'])).toBe('my');
    expect(pickHelpLanguage('', ['tl-PH'])).toBe('fil');
    expect(pickHelpLanguage('', ['in'])).toBe('id');
    expect(pickHelpLanguage('?lang=xx', ['de'])).toBe('en');
    expect(pickHelpLanguage('?lang=pt-BR', [])).toBe('pt-BR');
    expect(pickHelpLanguage('', ['pt-PT', 'en'])).toBe('pt-BR');
    expect(pickHelpLanguage('', ['bn-BD'])).toBe('bn');
    expect(pickHelpLanguage('', ['sw-KE'])).toBe('sw');
    expect(pickHelpLanguage('?lang=hi', ['fr-FR'])).toBe('hi');
    expect(pickHelpLanguage('', ['fr-CA'])).toBe('fr');
  });
});
