/**
 * Language of an article: by script where the script decides it (Khmer, Thai, Burmese, Han, Hangul),
 * otherwise franc (trigram models, shipped in the package) over the text. Returns an ISO 639-1 code,
 * or 'und' when the text is too short or unlike any known language. franc does not separate Malay from
 * Indonesian reliably (both are 'zlm'/'ind' by turns); both come back as what franc said.
 */
import { franc } from 'franc';

const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en',
  ind: 'id',
  zlm: 'ms',
  msa: 'ms',
  khm: 'km',
  cmn: 'zh',
  vie: 'vi',
  tha: 'th',
  mya: 'my',
  tgl: 'tl',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  deu: 'de',
  rus: 'ru',
  jpn: 'ja',
  kor: 'ko',
  arb: 'ar',
  hin: 'hi',
  ben: 'bn',
};

const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Khmer}/gu, 'km'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Myanmar}/gu, 'my'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Han}/gu, 'zh'],
];

export function detectLanguage(text: string): string {
  const sample = text.slice(0, 1500);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return 'und';
  for (const [re, code] of SCRIPTS) if ((sample.match(re) ?? []).length / letters > 0.3) return code;
  if (englishByFunctionWords(sample)) return 'en';
  const iso3 = franc(sample, { minLength: 20 });
  if (iso3 === 'zlm' || iso3 === 'ind') return malayOrIndonesian(sample);
  return ISO3_TO_1[iso3] ?? (iso3 === 'und' ? 'und' : iso3);
}

// Words that differ between standard Indonesian and Malaysian Malay (franc's trigrams blur the two).
const INDONESIAN =
  /\b(?:polisi|mengatakan|bisa|uang|kantor|karena|dibebaskan|warga negara|WNI|kepolisian|pemerintah|sekitar)\b/gi;
const MALAY = /\b(?:polis|berkata|boleh|wang|pejabat|kerana|rakyat|kerajaan|sekitar)\b/gi;

function malayOrIndonesian(text: string): string {
  const id = (text.match(INDONESIAN) ?? []).length;
  const ms = (text.match(MALAY) ?? []).length;
  return id > ms ? 'id' : 'ms';
}

// English function words: trigram models misread short English news text (a name-heavy paragraph came
// back as French); when these make up a large share of the words, it is English.
const ENGLISH = new Set(
  'the a an and of to in on at for with from by was were is are has have had that this it its said says as but not be been will would'.split(
    ' ',
  ),
);

function englishByFunctionWords(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return false;
  return words.filter((w) => ENGLISH.has(w)).length / words.length >= 0.15;
}
