/**
 * Surname classes: which Chinese surname(s) a romanised token or a Han character can stand for.
 * "tan" → ["sn:陳", "sn:譚", "sn:覃"]; "陈" → "sn:陳". Built once at module load from SURNAME_TABLE.
 */
import { SURNAME_TABLE } from './surname-table.ts';
import { foldWord } from './latin-fold.ts';

export type SurnameClassId = `sn:${string}`;

const byRomanisation = new Map<string, SurnameClassId[]>();
const byCharacters = new Map<string, SurnameClassId>();
const displayRomanisations = new Map<SurnameClassId, string[]>();

for (const [traditional, others, romanisations] of SURNAME_TABLE) {
  const id: SurnameClassId = `sn:${traditional}`;
  byCharacters.set(traditional, id);
  // Variant column: single characters, or one compound surname written in simplified form.
  if (traditional.length === 1) for (const ch of others) byCharacters.set(ch, id);
  else if (others) byCharacters.set(others, id);
  const forms: string[] = [];
  for (const written of romanisations.split(' ')) {
    const token = foldWord(written);
    if (!token) continue;
    forms.push(token);
    const ids = byRomanisation.get(token);
    if (!ids) byRomanisation.set(token, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }
  displayRomanisations.set(id, forms);
}

const NONE: readonly SurnameClassId[] = [];

/** Surname classes a lower-case ASCII token may belong to (empty when it is no known surname spelling). */
export function surnameClassesOfToken(token: string): readonly SurnameClassId[] {
  return byRomanisation.get(token) ?? NONE;
}

/** Surname class of a Han surname (one character, or a compound such as 歐陽/欧阳), if listed. */
export function surnameClassOfHan(chars: string): SurnameClassId | undefined {
  return byCharacters.get(chars);
}

/** The character a class id stands for ("sn:陳" → "陳"), for explanations. */
export function surnameCharacter(id: SurnameClassId): string {
  return id.slice(3);
}

/** Known romanisations of a surname class, folded to ASCII (for documentation and tests). */
export function romanisationsOf(id: SurnameClassId): readonly string[] {
  return displayRomanisations.get(id) ?? NONE;
}

export function surnameClassCount(): number {
  return displayRomanisations.size;
}
