import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, ORGANISATION_KINDS, RISK_LEVELS } from '../../core/vocabulary.ts';
import { NAV_ITEMS } from '../app/nav.ts';
import { LANGUAGES, toLanguage } from './index.ts';
import { URGENCY_MESSAGE_KEYS } from '../../core/triage/urgency.ts';
import { SCREENING_MESSAGE_KEYS } from '../../core/screening/evaluate.ts';
import { FOLLOW_UP_MESSAGE_KEYS } from '../../core/followups/evaluate.ts';
import { COMPOUND_ALERT_MESSAGE_KEYS } from '../../core/compounds/alert-rules.ts';
import { COMPOUND_REASON_MESSAGE_KEYS } from '../../core/compounds/timeline.ts';
import { MATCH_LEVEL_KEYS } from '../../core/matching/levels.ts';
import { NETWORK_ALERT_MESSAGE_KEYS } from '../../core/networks/sanctions-hits.ts';

const LANGS: readonly string[] = LANGUAGES;
const here = import.meta.dirname;

/** A character only each language's own script has (Vietnamese: Latin with tone marks). */
const SCRIPTS: Record<string, RegExp> = {
  km: /[\u1780-\u17FF]/,
  zh: /[\u4E00-\u9FFF]/,
  'zh-Hant': /[\u4E00-\u9FFF]/,
  th: /[\u0E00-\u0E7F]/,
  my: /[\u1000-\u109F]/,
  ko: /[\uAC00-\uD7AF]/,
  vi: /[à-ỹđ]/i,
};

function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (value && typeof value === 'object') for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, String(value));
  }
  return out;
}
const load = (dir: string, lang: string) => leaves(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')));

/** The shell's strings plus every feature folder that keeps its own i18n/<lang>.json. */
const bundles: [string, string][] = [
  ['shell', here],
  ['server', join(here, 'server')],
];
const features = join(here, '..', 'features');
for (const name of readdirSync(features)) {
  if (existsSync(join(features, name, 'i18n'))) bundles.push([name, join(features, name, 'i18n')]);
}

describe.each(bundles)('translations of %s', (_name, dir) => {
  const en = load(dir, 'en');
  it.each(LANGS.filter((l) => l !== 'en'))('%s has exactly the English keys, none empty, same placeholders', (lang) => {
    const other = load(dir, lang);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(en.get(key)!));
    }
  });
});

describe('shell translations cover what the shell shows', () => {
  const en = load(here, 'en');
  it('every navigation label and vocabulary value', () => {
    const needed = [
      ...NAV_ITEMS.map((n) => n.labelKey),
      ...CASE_STATUSES.map((s) => `vocab.caseStatus.${s}`),
      ...RISK_LEVELS.map((r) => `vocab.risk.${r}`),
      ...ORGANISATION_KINDS.map((k) => `vocab.orgKind.${k}`),
    ];
    expect(needed.filter((k) => !en.has(k))).toEqual([]);
  });
  it('each language is written in its own script, and Traditional Chinese is not the Simplified file', () => {
    for (const [lang, script] of Object.entries(SCRIPTS)) {
      const strings = [...load(here, lang).values()];
      const inScript = strings.filter((s) => script.test(s)).length;
      expect(inScript / strings.length, lang).toBeGreaterThan(0.9);
    }
    // Characters that differ between the two written forms (nav and common words).
    expect(load(here, 'zh-Hant').get('nav.home')).not.toBe(load(here, 'zh').get('nav.home'));
    expect([...load(here, 'zh-Hant').values()].join('')).not.toMatch(/[这个们会时说对发开关还没为与么]/);
  });
});

describe('a locale maps to an interface language', () => {
  it.each([
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh_Hans_CN', 'zh'],
    ['zh', 'zh'],
    ['tl-PH', 'fil'],
    ['fil', 'fil'],
    ['in', 'id'],
    ['my-MM', 'my'],
    ['km-KH', 'km'],
    ['pt-BR', undefined],
  ])('%s → %s', (locale, language) => {
    expect(toLanguage(locale)).toBe(language);
  });
});

/** Server-made text (namespace `server`); its keys and placeholders are checked with the other bundles above. */
const serverDir = join(here, 'server');

describe('matching translations', () => {
  it('word every comparison level the engine can report (the parity test above carries it to each language)', () => {
    const en = load(join(features, 'matching', 'i18n'), 'en');
    expect(MATCH_LEVEL_KEYS.filter((k) => !en.has(`level.${k}`))).toEqual([]);
  });
});

describe('translations of server-made text', () => {
  const en = load(serverDir, 'en');
  it('has a file for each of its languages and no other', () => {
    expect(readdirSync(serverDir).sort()).toEqual(LANGS.map((l) => `${l}.json`).sort());
  });
  it('words every key the core can send (plural keys as _one and _other)', () => {
    const keys = [
      ...URGENCY_MESSAGE_KEYS,
      ...SCREENING_MESSAGE_KEYS,
      ...FOLLOW_UP_MESSAGE_KEYS,
      ...COMPOUND_ALERT_MESSAGE_KEYS,
      ...COMPOUND_REASON_MESSAGE_KEYS,
      ...NETWORK_ALERT_MESSAGE_KEYS,
    ];
    const worded = (k: string) => en.has(k) || (en.has(`${k}_one`) && en.has(`${k}_other`));
    expect(keys.filter((k) => !worded(k))).toEqual([]);
  });
  it("is written in each language's own script where it has one", () => {
    for (const [lang, script] of Object.entries(SCRIPTS))
      if (lang !== 'vi') expect(load(serverDir, lang).get('screening.presumed'), lang).toMatch(script);
    // Traditional, not Simplified: 販運 (Taiwan usage), not 贩运.
    expect(load(serverDir, 'zh-Hant').get('screening.presumed')).toContain('販運');
  });
});
