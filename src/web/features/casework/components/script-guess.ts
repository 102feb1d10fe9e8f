/** ISO 15924 scripts a name is commonly written in, for the name's script choice. */
export const NAME_SCRIPTS = [
  'Latn',
  'Hans',
  'Hant',
  'Khmr',
  'Thai',
  'Mymr',
  'Laoo',
  'Deva',
  'Beng',
  'Sinh',
  'Ethi',
  'Hang',
  'Arab',
  'Taml',
] as const;

const RANGES: [RegExp, string][] = [
  [/[\u1780-\u17FF]/u, 'Khmr'],
  [/[\u0E00-\u0E7F]/u, 'Thai'],
  [/[\u1000-\u109F]/u, 'Mymr'],
  [/[\u0E80-\u0EFF]/u, 'Laoo'],
  [/[\u0900-\u097F]/u, 'Deva'],
  [/[\u0980-\u09FF]/u, 'Beng'],
  [/[\u0D80-\u0DFF]/u, 'Sinh'],
  [/[\u1200-\u137F]/u, 'Ethi'],
  [/[\uAC00-\uD7AF\u1100-\u11FF]/u, 'Hang'],
  [/[\u0600-\u06FF]/u, 'Arab'],
  [/[\u0B80-\u0BFF]/u, 'Taml'],
  [/[\u4E00-\u9FFF\u3400-\u4DBF]/u, 'Hani'],
  [/[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/u, 'Latn'],
];

/**
 * A first guess of the script a name is typed in (the person can change it). Han characters are
 * reported as `Hani`; the form turns that into Hans, since Simplified is the common case here.
 */
export function guessScript(text: string): string | undefined {
  for (const [re, script] of RANGES) if (re.test(text)) return script;
  return undefined;
}
