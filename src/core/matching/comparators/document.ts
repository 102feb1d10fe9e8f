/**
 * Identity document numbers read by eye or OCR: exact; equal after folding look-alike characters
 * (O↔0, I↔1↔L, S↔5, B↔8, Z↔2); one edit apart; else.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { levenshtein } from '../similarity.ts';

export interface PreparedDocument {
  text: string;
  folded: string;
}

const OCR_FOLD: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };

export function foldDocument(text: string): string {
  let out = '';
  for (const ch of text) out += OCR_FOLD[ch] ?? ch;
  return out;
}

export function documentComparator(spec: ComparatorSpec): Comparator<PreparedDocument> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['exact', 'ocr_confusion', 'one_edit', 'else'],
    spec,
    prepare(values) {
      const raw = values[0];
      if (raw == null) return null;
      const text = raw.toUpperCase().replace(/[^A-Z0-9]+/g, '');
      return text === '' ? null : { text, folded: foldDocument(text) };
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a.text === b.text) return 0;
      if (a.folded === b.folded) return 1;
      if (Math.abs(a.text.length - b.text.length) <= 1 && levenshtein(a.folded, b.folded) <= 1) return 2;
      return 3;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      switch (level) {
        case 0:
          return `${spec.name}: same number ${a!.text}`;
        case 1:
          return (
            `${spec.name}: ${a!.text} and ${b!.text} are the same once look-alike characters (O/0, I/1/L, ` +
            `S/5, B/8, Z/2) are folded`
          );
        case 2:
          return `${spec.name}: ${a!.text} and ${b!.text} differ by one character`;
        default:
          return `${spec.name}: ${a!.text} and ${b!.text} are different numbers`;
      }
    },
    blockingKeys: (p) => [p.folded],
    termFrequencyKey: (p) => p.text,
  };
}
