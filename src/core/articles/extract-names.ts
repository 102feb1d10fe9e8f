/**
 * People and organisations in English article text. compromise (its lexicon ships in the package)
 * proposes people; capitalised word runs are then classified with the gazetteers: a run ending in an
 * organisation word ("Prince Group", "National Police") is an organisation; a run next to a role or a
 * speech verb ("Chen Zhi, the group's chairman", "said Chea Sophal", "researcher Montse Ferrer"), or
 * whose family name is in the surname table, or that compromise calls a person, is a person. A later
 * single word equal to a part of a person's name ("Chen") is that person again. compromise reads only
 * the sentences where no cheaper cue decided.
 */
import type Compromise from 'compromise';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { surnameClassesOfToken, foldWord } from '../names/index.ts';
import type { Claim } from './claim-types.ts';
import { ORG_WORDS, ROLE_WORDS, TITLES } from './gazetteer.ts';
import type { PlaceIndex } from './places.ts';
import { countryOfDemonym } from './places.ts';

/** compromise, loaded when the first sentence needs it (~0.9 s of CPU at load; only article ingestion reads with it). */
const compromise = loadOnFirstUse<typeof Compromise>('compromise');
const nlp = (text: string) => compromise()(text);

const CAP = `\\p{Lu}[\\p{L}\\p{M}'’-]*`;
// Capitalised runs, with "of"/"for"/"and"/"the" allowed inside (Ministry of Interior, Bank of China).
const RUN = new RegExp(`(?<![\\p{L}\\p{M}])${CAP}(?:\\s+(?:(?:of|for|and|the|on)\\s+)?${CAP})*`, 'gu');

const STOP = new Set(
  `The A An In On At But And Or He She They It We I You His Her Their Its This That These Those Last Next After Before When While
  Some Many Most More Over Up About Nearly Around Since According Police Officials Authorities Local Foreign Several Both
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
  October November December Mr Mrs Ms Dr Gen General Minister Speaking Asked Until Between Among Of For By From With Without
  Scam Scams There Here What Who Where Why How If As To Such Other Another Each Every No Not Only Also Then Thousands Hundreds
  Dozens Yesterday Today Earlier Later Meanwhile However`.split(/\s+/),
);
const ROLE_SOURCE = [...ROLE_WORDS].sort((a, b) => b.length - a.length).join('|');
const SPEECH = 'said|says|told|added|stated|noted|explained|warned|confirmed|denied|declined';
const ROLE_BEFORE = new RegExp(`(?:\\b(?:${ROLE_SOURCE})|\\b(?:${SPEECH})|\\b(?:${TITLES.join('|')})\\.?)\\s+$`, 'i');
const ROLE_AFTER = new RegExp(`^,\\s+(?:(?:a|an|the)\\s+)?(?:[\\p{L}'’-]+\\s+){0,3}?(${ROLE_SOURCE})\\b`, 'iu');
const SPEECH_AFTER = new RegExp(`^\\s+(?:${SPEECH})\\b`, 'i');
const AFFILIATION_AFTER = new RegExp(
  `^\\s+(?:at|of|for|with)\\s+(?:the\\s+)?(${CAP}(?:\\s+(?:(?:of|for|and|the|on)\\s+)?${CAP})*)`,
  'u',
);
// "the Amber Willow compound": a run followed by a site word names a site (one the registry may not know yet).
const SITE_AFTER = /^\s+(?:compound|complex|casino|zone|park|resort|estate|building|site)s?\b/i;
const ORG_ROLE_BEFORE = new RegExp(`(${CAP}(?:\\s+${CAP})*)\\s+(${ROLE_SOURCE})\\s+$`, 'u');

export interface NameMentions {
  claims: Claim[];
}

function isOrganisation(words: readonly string[]): boolean {
  return words.some((w) => ORG_WORDS.has(w.replace(/[’']s$/, ''))) || words.every((w) => /^\p{Lu}{2,}$/u.test(w));
}

/** Trim a run to the words that can be a name: leading stop words and titles off, trailing possessive off. */
function trimRun(text: string, start: number, end: number): [number, number] | null {
  let s = start;
  let e = end;
  for (;;) {
    const m = /^(\p{L}+)\.?\s+/u.exec(text.slice(s, e));
    if (!m || !(STOP.has(m[1]!) || TITLES.includes(m[1]!) || ROLE_WORDS.includes(m[1]!.toLowerCase()))) break;
    s += m[0].length;
  }
  const tail = /[’']s$/.exec(text.slice(s, e));
  if (tail) e -= tail[0].length;
  if (STOP.has(text.slice(s, e))) return null;
  return e > s ? [s, e] : null;
}

export function extractNames(text: string, places: PlaceIndex): Claim[] {
  // compromise reads a sentence only when nothing cheaper decided (the costly step; cached per sentence).
  const nlpPeople = new Map<number, Set<string>>();
  const compromiseSaysPerson = (name: string, at: number): boolean => {
    const from = Math.max(text.lastIndexOf('.', at) + 1, text.lastIndexOf('\n', at) + 1, 0);
    const stop = text.slice(at).search(/[.\n]/);
    const sentence = text.slice(from, stop < 0 ? text.length : at + stop + 1);
    let people = nlpPeople.get(from);
    if (!people) {
      people = new Set<string>(
        (nlp(sentence).people().out('array') as string[]).map((p) => p.replace(/[.,;:!?]$/, '')),
      );
      nlpPeople.set(from, people);
    }
    return people.has(name);
  };

  const claims: Claim[] = [];
  const personParts = new Map<string, string>(); // folded single word → full name
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const trimmed = trimRun(text, m.index, m.index + m[0].length);
    if (!trimmed) continue;
    const [start, end] = trimmed;
    const name = text.slice(start, end);
    const words = name.split(/\s+/);
    if (places.lookup(name) || words.every((w) => countryOfDemonym(w))) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 120);
    if (isOrganisation(words)) {
      if (words.length === 1 && ORG_WORDS.has(words[0]!)) continue; // "Court", "Police": a word, not a name
      claims.push({
        kind: 'organisation',
        start,
        end,
        quote: name,
        key: `organisation:${name.toLowerCase()}`,
        value: { name },
      });
      continue;
    }
    if (words.length === 1) {
      const full = personParts.get(foldWord(name));
      if (full)
        claims.push({
          kind: 'person',
          start,
          end,
          quote: name,
          key: `person:${full}`,
          value: { name: full, role: null, affiliation: null },
        });
      continue;
    }
    if (words.length > 4 || words.some((w) => /^(?:of|for|and|the|on)$/.test(w))) continue;
    if (SITE_AFTER.test(after)) continue;
    const roleAfter = ROLE_AFTER.exec(after);
    const orgRole = ORG_ROLE_BEFORE.exec(before);
    const cue =
      ROLE_BEFORE.test(before) ||
      !!roleAfter ||
      SPEECH_AFTER.test(after) ||
      surnameClassesOfToken(foldWord(words[0]!)).length > 0 ||
      compromiseSaysPerson(name, start);
    if (!cue) continue;
    let role: string | null = null;
    let affiliation: string | null = null;
    if (roleAfter) {
      role = roleAfter[1]!.toLowerCase();
      const aff = AFFILIATION_AFTER.exec(after.slice(roleAfter[0].length));
      if (aff) affiliation = aff[1]!;
    } else if (orgRole && isOrganisation(orgRole[1]!.split(/\s+/))) {
      role = orgRole[2]!.toLowerCase();
      affiliation = orgRole[1]!;
    } else {
      const r = new RegExp(`\\b(${ROLE_SOURCE})\\s+$`, 'i').exec(text.slice(Math.max(0, start - 40), start));
      if (r) role = r[1]!.toLowerCase();
    }
    for (const w of words) if (w.length > 2) personParts.set(foldWord(w), name);
    claims.push({ kind: 'person', start, end, quote: name, key: `person:${name}`, value: { name, role, affiliation } });
  }
  return claims;
}
