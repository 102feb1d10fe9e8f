/**
 * Words in a romanised name that are not the person's own name parts, and spelling variants of the
 * most common given name of the Muslim world. Applied to Latin-script tokens only.
 */

/** Titles and honorifics that are not name parts; leading ones are stripped into NormalisedName.honorifics. */
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'mme',
  'mlle',
  'sra',
  'srta',
  // Burmese: U and Daw do not begin names; Ko / Ma / Maung do ("Ko Ko Aung", Chinese 马 "Ma"), so they stay.
  'u',
  'daw',
  'sayadaw',
  // Malay / Indonesian / Arabic.
  'haji',
  'hajji',
  'hajjah',
  'hj',
  'hjh',
  'encik',
  'puan',
  'cik',
  'datuk',
  'dato',
  'datin',
  'tunku',
  // South Asian ("Sri", "Begum", "Syed", "Sheikh" are left: they are commonly part of the name itself).
  'shri',
  'shree',
  'smt',
  // Thai.
  'nangsao',
  'khun',
]);

/**
 * Connecting particles dropped from the token list: patronymic links (bin, binti, ibn, s/o…), Arabic
 * articles written apart (al, el, ul, ud) and Iberian / Dutch / Filipino particles (da, de, dos, von, dela…).
 * "van" (Vietnamese Văn), "le", "do", "du", "di" (surnames) are deliberately not here.
 */
const PARTICLES = new Set([
  'bin',
  'binti',
  'binte',
  'bte',
  'bt',
  'bint',
  'ibn',
  'anak',
  'al',
  'el',
  'ul',
  'ud',
  'von',
  'der',
  'den',
  'ter',
  'de',
  'da',
  'dos',
  'das',
  'del',
  'della',
  'dela',
  'delas',
  'delos',
  'y',
]);

/** Canonical spellings for frequent variants (and abbreviations) of the same name. */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ...[
    'md',
    'mohd',
    'muhd',
    'mhd',
    'mohamad',
    'mohammad',
    'mohammed',
    'mohamed',
    'muhamad',
    'muhammed',
    'muhamed',
    'mohamud',
    'mohammod',
    'mohmmad',
    'mahammad',
    'muhammod',
    'mohummad',
    'muhammet',
    'mohammd',
    'muhammd',
  ].map((v) => [v, 'muhammad'] as const),
  ...['mst', 'most', 'mosammat', 'mosammet', 'mossammat', 'musammat', 'mosamat', 'mosst'].map(
    (v) => [v, 'mosammat'] as const,
  ),
  ...['abd', 'abdel', 'abdal', 'abdil'].map((v) => [v, 'abdul'] as const),
  // Khmer family names spelt letter by letter (UNGEGN style) beside their usual spelling (data/khmer-names.ts).
  ['kaev', 'keo'],
  ['sokh', 'sok'],
  ['chhai', 'chhay'],
]);

export function isHonorific(token: string): boolean {
  return HONORIFICS.has(token);
}

export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

/** Articles dropped after a particle: "de la Cruz" and "de los Santos" as the joined "Dela Cruz". */
const ARTICLES = new Set(['la', 'las', 'los']);

export function isArticle(token: string): boolean {
  return ARTICLES.has(token);
}

/** Particles that are also dropped inside a hyphenated or apostrophised word (Al-Rashid, Bin-Yusof). */
const JOINED_PARTICLES = new Set(['al', 'el', 'ul', 'ud', 'bin', 'binti', 'ibn']);

export function isJoinedParticle(token: string): boolean {
  return JOINED_PARTICLES.has(token);
}

export function canonicalToken(token: string): string {
  return CANONICAL.get(token) ?? token;
}

/** Malaysian and Singaporean "s/o", "d/o", "a/l", "a/p" (son / daughter of): replaced by a space before splitting. */
export const RELATION_MARKERS = /(^|\s)(?:s|d|a)\s*\/\s*(?:o|l|p)(?=\s|$)/giu;
