/** Light text folding for non-name fields: case, diacritics, punctuation, whitespace. */
import anyAscii from 'any-ascii';

/** Lower-case ASCII, punctuation to spaces, whitespace collapsed; '' when nothing is left. */
export function foldText(raw: string): string {
  // any-ascii is only needed outside ASCII; skipping it keeps FEBRL-sized batches fast.
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(raw) ? raw : anyAscii(raw);
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Null for missing or blank values. */
export function present(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** The fields of a comparison joined and folded: null when nothing comparable is left. */
export function foldedFields(values: readonly (string | null)[]): string | null {
  const v = present(values.filter((x) => x != null).join(' '));
  if (v == null) return null;
  const f = foldText(v);
  return f === '' ? null : f;
}
