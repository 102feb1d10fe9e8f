/**
 * Free-text addresses compared as token sets (order and spacing vary): same tokens, similar
 * (Jaccard ≥ 0.5 or near-identical once spaces are removed), sharing a word, else.
 */
import type { Comparator, ComparatorSpec } from '../types.ts';
import { foldText } from '../normalise-text.ts';
import { jaccard, jaroWinkler } from '../similarity.ts';

export interface PreparedAddress {
  tokens: string[];
  joined: string;
}

export function addressComparator(spec: ComparatorSpec): Comparator<PreparedAddress> {
  return {
    name: spec.name,
    field: spec.fields,
    levels: ['same_tokens', 'similar', 'shares_word', 'else'],
    spec,
    prepare(values) {
      const text = foldText(values.filter((x) => x != null).join(' '));
      if (text === '') return null;
      const tokens = [...new Set(text.split(' '))].sort();
      return { tokens, joined: text.replace(/ /g, '') };
    },
    compare(a, b) {
      if (a == null || b == null) return -1;
      if (a.joined === b.joined || (a.tokens.length === b.tokens.length && a.tokens.every((t, i) => t === b.tokens[i])))
        return 0;
      const j = jaccard(a.tokens, b.tokens);
      if (j >= 0.5 || jaroWinkler(a.joined, b.joined) >= 0.92) return 1;
      return j > 0 ? 2 : 3;
    },
    explain(a, b, level) {
      if (level < 0) return `${spec.name}: missing on ${a == null ? 'the first' : 'the second'} record`;
      const sa = a!.tokens.join(' ');
      const sb = b!.tokens.join(' ');
      const t = ['contain the same words', 'are similar', 'share at least one word', 'have no word in common'][level];
      return `${spec.name}: "${sa}" and "${sb}" ${t}`;
    },
    blockingKeys: (p) => p.tokens,
  };
}
