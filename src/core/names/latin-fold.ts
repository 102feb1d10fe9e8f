import anyAscii from 'any-ascii';

const MARKS = /\p{M}+/gu;
const NON_LETTERS = /[^a-z]+/g;

/**
 * One word to a lower-case ASCII token: diacritics removed ("Trần" → "tran", "Đỗ" → "do"), letters
 * without a decomposition transliterated by any-ascii (ø, ß, ł…), and everything but a–z dropped
 * (apostrophes of Wade–Giles "Ch'en", hyphens of "Zhi-Wei", dots of "Md.").
 */
export function foldWord(word: string): string {
  let s = word.normalize('NFKD').replace(MARKS, '');
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(s)) s = anyAscii(s);
  return s.toLowerCase().replace(NON_LETTERS, '');
}
