/**
 * A testimony handed from casework to monitoring must not name the person who gave it. The
 * caseworker writes the account; before it leaves, the text is checked against what identifies the
 * survivor to this organisation (every name and name part of four letters or more, every contact,
 * the organisation's name, the case and survivor ids). A hit refuses the hand-off and says what to
 * take out: nothing is rewritten silently. Pure: no I/O.
 */

/** Lower case, accents folded, every run of non-letters/digits one space, padded so whole words match. */
function fold(s: string): string {
  return ` ${s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

export interface TestimonyIdentifiers {
  readonly names: readonly string[];
  readonly contacts: readonly string[];
  readonly organisationName: string;
  readonly ids: readonly string[];
}

const MIN_PART = 4;

/** The identifiers found in `text` (as given), each once, in the order listed; empty when the account is clean. */
export function identifiersIn(text: string, who: TestimonyIdentifiers): string[] {
  const hay = fold(text);
  const digits = text.replace(/\D+/g, '');
  const found: string[] = [];
  const check = (label: string, needle: string) => {
    const n = fold(needle);
    // Scripts written without spaces between words: the name anywhere in the text.
    const unspaced = /[\p{sc=Han}\p{sc=Thai}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Lao}]/u.test(n);
    const hit = unspaced ? hay.includes(n.trim()) : hay.includes(n);
    if (n.trim().length > 0 && hit && !found.includes(label)) found.push(label);
  };
  for (const name of who.names) {
    check(name, name);
    // Han, Thai, Khmer and Myanmar names have no spaces: the whole name is checked above.
    for (const part of fold(name).trim().split(' ')) if ([...part].length >= MIN_PART) check(part, part);
  }
  for (const c of who.contacts) {
    check(c, c);
    const d = c.replace(/\D+/g, '');
    if (d.length >= 6 && digits.includes(d) && !found.includes(c)) found.push(c);
  }
  check(who.organisationName, who.organisationName);
  for (const id of who.ids) if (text.toLowerCase().includes(id.toLowerCase()) && !found.includes(id)) found.push(id);
  return found;
}
