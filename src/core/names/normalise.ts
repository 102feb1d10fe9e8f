/**
 * normaliseName: a raw name as some organisation wrote it → tokens and readings that can be compared
 * across scripts and romanisations. Called once per record; everything compareNames needs is precomputed.
 */
import { ABUGIDAS_AND_ABJADS, charScript, detectScript, type Script } from './script.ts';
import { foldWord } from './latin-fold.ts';
import { readHanWord, toSimplified } from './han.ts';
import {
  hangulSyllables,
  splitMyanmarHonorific,
  splitThaiTitle,
  transliterateThai,
  transliterateWord,
} from './transliterate.ts';
import { burmeseSpellingKey, romaniseMyanmar } from './transliterate-myanmar.ts';
import { romaniseKhmerWord } from './data/khmer-names.ts';
import { canonicalToken, isArticle, isHonorific, isJoinedParticle, isParticle, RELATION_MARKERS } from './particles.ts';
import { surnameClassesOfToken, type SurnameClassId } from './surnames.ts';
import { buildForm, type NameForm } from './name-form.ts';

export interface NormalisedName {
  raw: string;
  script: Script;
  /**
   * Lower-case ASCII tokens in written order, punctuation stripped ("Trần Chí" → ["tran","chi"]); Han words give
   * pinyin.
   */
  tokens: string[];
  /**
   * Alternative token sequences from other readings: for Han input, [pinyin tokens], [vietnamese tokens]
   * and, when every character has one, [cantonese tokens] and [hokkien tokens]; for Latin input, [].
   */
  readings: string[][];
  /** Surname-class ids (e.g. "sn:陳") for any token that is a known surname romanisation or character. */
  surnameClasses: string[];
  /** Each token as written ("Trần", "陳", "志偉"), for explanations. */
  parts: string[];
  /** Leading titles stripped from the name ("u", "daw", "dr", "haji"…). */
  honorifics: string[];
  /** The name's Han characters in simplified form ('' when it has none). */
  han: string;
  /** Written form first, then other readings; precomputed keys for compareNames. */
  forms: NameForm[];
  /** Vietnamese readings with diacritics per token, aligned with tokens, when the name has Han characters. */
  vietnameseParts: string[] | null;
  /** Latin or Burmese-script names: one spelling for the ways Burmese names are romanised (burmeseSpellingKey). */
  burmese: { key: string; lead: boolean } | null;
  /**
   * Names in a script transliterated letter by letter (Khmer, Thai, Burmese, Bengali, Arabic, Devanagari): the name
   * as written without spaces, where a typo made in that script shows as one letter (compare.ts); else null.
   */
  written: string | null;
}

interface Entry {
  token: string;
  part: string;
  latin: boolean;
  /** Hán-Việt reading for Han-derived tokens; undefined = same as token, null = no reading known. */
  vi?: string | null;
  viDisplay?: string;
  /** Cantonese reading for Han-derived tokens (null = not known). */
  yue?: string | null;
  /** Hokkien reading for Han-derived tokens (null = not in the table). */
  hok?: string | null;
  /** Class fixed by the Han character itself; null = no surname class (also for scripts without Chinese surnames). */
  hanClass?: SurnameClassId | null;
}

const BURMESE_LEADS = new Set(['ko', 'ma', 'maung', 'mg']);

const WORD_SEPARATORS = /[\s,;:/\\()[\]{}|.·・、，。"“”«»!?+*&#@0-9]+/u;
const JOINERS = /[-‐‑–—_'’`ʼ]+/u;

/** Splits a word into runs of one script; punctuation (hyphens, apostrophes) stays with its run. */
function scriptRuns(word: string): Array<{ script: string; text: string }> {
  const runs: Array<{ script: string; text: string }> = [];
  for (const ch of word) {
    const script = charScript(ch) ?? runs[runs.length - 1]?.script ?? 'none';
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}

/**
 * Latin word: hyphen/apostrophe pieces joined ("Zhi-Wei" → "zhiwei"), article pieces dropped ("Al-Rashid" → "rashid").
 */
function latinToken(text: string): string {
  const pieces = text
    .split(JOINERS)
    .map(foldWord)
    .filter((p) => p.length > 0);
  if (pieces.length > 1) {
    // Only articles and patronymic links are dropped from a joined word: "De-ling" is a given name, not "de".
    const kept = pieces.filter((p) => !isJoinedParticle(p));
    return (kept.length > 0 ? kept : pieces).join('');
  }
  return pieces[0] ?? '';
}

function collectEntries(raw: string, honorifics: string[]): Entry[] {
  const words = raw
    .replace(RELATION_MARKERS, ' ')
    .split(WORD_SEPARATORS)
    .filter((w) => w.length > 0);
  const runs = words.flatMap(scriptRuns);
  const hanRuns = runs.filter((r) => r.script === 'Hani').length;
  const hangulRuns = runs.filter((r) => r.script === 'Hang').length;
  const entries: Entry[] = [];
  for (const run of runs) {
    switch (run.script) {
      case 'Hani': {
        const han = readHanWord(run.text, hanRuns === 1);
        han.parts.forEach((part, i) => {
          entries.push({
            token: han.pinyin[i]!,
            part,
            latin: false,
            vi: han.vietnamese ? han.vietnamese[i] : null,
            viDisplay: han.vietnameseDisplay?.[i],
            yue: han.cantonese ? han.cantonese[i] : null,
            hok: han.hokkien ? han.hokkien[i] : null,
            hanClass: i === 0 && han.surname ? han.surname : null,
          });
        });
        break;
      }
      case 'Hang': {
        const syllables = hangulSyllables(run.text);
        const chars = Array.from(run.text.replace(/[^\p{Script=Hangul}]/gu, ''));
        if (hangulRuns === 1 && syllables.length >= 2 && syllables.length <= 4 && syllables.length === chars.length) {
          entries.push({ token: syllables[0]!, part: chars[0]!, latin: false });
          entries.push({ token: syllables.slice(1).join(''), part: chars.slice(1).join(''), latin: false });
        } else entries.push({ token: syllables.join(''), part: run.text, latin: false });
        break;
      }
      case 'Mymr': {
        const { honorific, rest } = splitMyanmarHonorific(run.text);
        if (honorific) honorifics.push(honorific);
        const syllables = romaniseMyanmar(rest);
        // Burmese names have no family name: no surname classes ("San" of Aung San is not 辛).
        if (syllables.length > 0)
          for (const s of syllables) entries.push({ token: s.token, part: s.part, latin: false, hanClass: null });
        else entries.push({ token: transliterateWord(rest), part: rest, latin: false, hanClass: null });
        break;
      }
      case 'Thai': {
        // A title is only the name's first word (นายสมชาย); later words keep their letters.
        const { honorific, rest } =
          entries.length === 0 ? splitThaiTitle(run.text) : { honorific: undefined, rest: run.text };
        if (honorific) honorifics.push(honorific);
        entries.push({ token: transliterateThai(rest), part: rest, latin: false, hanClass: null });
        break;
      }
      case 'Latn':
        entries.push({ token: canonicalToken(latinToken(run.text)), part: run.text, latin: true });
        break;
      case 'Beng':
        // ফ is "f" in Bangladeshi names (Fatema, Rafiqul), not the "ph" of its Sanskrit value; মোহাম্মদ is Muhammad.
        entries.push({
          token: canonicalToken(transliterateWord(run.text).replace(/ph/g, 'f')),
          part: run.text,
          latin: false,
          hanClass: null,
        });
        break;
      case 'Khmr':
        // Name words in the spelling people write (កែវ → Keo, not "kaev"); no Chinese surname classes by chance.
        entries.push({
          token: romaniseKhmerWord(run.text) ?? transliterateWord(run.text),
          part: run.text,
          latin: false,
          hanClass: null,
        });
        break;
      default:
        // Cyrillic, Arabic, Indic…: transliterations that may collide with Chinese surname spellings by chance.
        entries.push({ token: transliterateWord(run.text), part: run.text, latin: false, hanClass: null });
    }
  }
  return entries.filter((e) => e.token.length > 0);
}

/** Drops connecting particles and leading titles from Latin tokens, keeping at least one token. */
function stripNonNames(entries: Entry[], honorifics: string[]): Entry[] {
  // The article of "de la Cruz" / "de los Santos" goes with its particle, as in the joined "Dela Cruz".
  let kept = entries.filter(
    (e, i) =>
      !(e.latin && isParticle(e.token)) &&
      !(e.latin && isArticle(e.token) && i > 0 && entries[i - 1]!.latin && isParticle(entries[i - 1]!.token)),
  );
  if (kept.length === 0) kept = entries;
  while (kept.length > 1 && kept[0]!.latin && isHonorific(kept[0]!.token)) {
    honorifics.push(kept[0]!.token);
    kept = kept.slice(1);
  }
  return kept;
}

function classesOf(entries: Entry[], tokens: readonly string[]): Array<readonly SurnameClassId[]> {
  return entries.map((e, i) => {
    if (e.hanClass !== undefined) return e.hanClass === null ? [] : [e.hanClass];
    return surnameClassesOfToken(tokens[i]!);
  });
}

/**
 * "陈志 (Chen Zhi)" or "Trần Chí 陳志": the same name given in characters and in a romanisation. The
 * romanised copy is dropped when it equals a reading of the characters (in any order), so that the name
 * does not count twice; the characters keep both readings.
 */
function dropRomanisedDuplicate(entries: Entry[]): Entry[] {
  const han = entries.filter((e) => e.vi !== undefined);
  const latin = entries.filter((e) => e.vi === undefined);
  if (han.length === 0 || latin.length === 0) return entries;
  const key = (tokens: string[]) => [...tokens].sort().join(' ');
  const joined = (tokens: string[]) => tokens.join('');
  const latinTokens = latin.map((e) => e.token);
  const readings = [
    han.map((e) => e.token),
    han.map((e) => e.vi ?? ''),
    han.map((e) => e.yue ?? ''),
    han.map((e) => e.hok ?? ''),
  ];
  const same = readings.some((r) => joined(r) === joined(latinTokens) || key(r) === key(latinTokens));
  return same ? han : entries;
}

export function normaliseName(raw: string): NormalisedName {
  const text = String(raw).normalize('NFKC').trim();
  const honorifics: string[] = [];
  const entries = dropRomanisedDuplicate(stripNonNames(collectEntries(text, honorifics), honorifics));
  const tokens = entries.map((e) => e.token);
  const hasHan = entries.some((e) => e.vi !== undefined);
  const forms: NameForm[] = [];
  const readings: string[][] = [];
  let vietnameseParts: string[] | null = null;
  const primary = buildForm(hasHan ? 'pinyin' : 'written', tokens, classesOf(entries, tokens));
  forms.push(primary);
  if (hasHan) {
    readings.push(tokens);
    if (entries.every((e) => e.vi !== null)) {
      const viTokens = entries.map((e) => e.vi ?? e.token);
      forms.push(buildForm('vietnamese', viTokens, classesOf(entries, viTokens)));
      readings.push(viTokens);
      vietnameseParts = entries.map((e) => e.viDisplay ?? e.part);
    }
    if (entries.every((e) => e.yue !== null)) {
      const yueTokens = entries.map((e) => e.yue ?? e.token);
      forms.push(buildForm('cantonese', yueTokens, classesOf(entries, yueTokens)));
      readings.push(yueTokens);
    }
    // Singapore / Malaysian Chinese names are mostly romanised from Hokkien (林德成 → Lim Teck Seng).
    if (entries.every((e) => e.hok != null)) {
      const hokTokens = entries.map((e) => e.hok ?? e.token);
      forms.push(buildForm('hokkien', hokTokens, classesOf(entries, hokTokens)));
      readings.push(hokTokens);
    }
  }
  // Burmese Ko / Ma / Maung / Mg (brother, sister, young man) lead a name only sometimes, and are also name
  // syllables or the surname 马, so they stay in the name; a second form without them meets the bare name.
  if (!hasHan && tokens.length >= 3 && BURMESE_LEADS.has(tokens[0]!)) {
    const bare = tokens.slice(1);
    forms.push(buildForm('bare', bare, classesOf(entries.slice(1), bare)));
  }
  const classes = new Set<string>();
  for (const form of forms) for (const list of form.classes) for (const id of list) classes.add(id);
  const han = entries
    .filter((e) => e.vi !== undefined)
    .map((e) => e.part)
    .join('');
  const script = detectScript(text);
  return {
    raw: text,
    script,
    tokens,
    readings,
    surnameClasses: [...classes],
    parts: entries.map((e) => e.part),
    honorifics,
    han: han ? toSimplified(han) : '',
    forms,
    vietnameseParts,
    burmese: script === 'Latn' || script === 'Mymr' ? burmeseSpellingKey(tokens) : null,
    // Not Han: there a character is a name of its own, not a letter to mistype.
    written: ABUGIDAS_AND_ABJADS.has(script) ? text.replace(/\s+/gu, '') : null,
  };
}
