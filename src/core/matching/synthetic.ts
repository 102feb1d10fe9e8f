/**
 * Seeded synthetic survivor registrations with known truth: each true person is written in 1–4
 * records with the errors real registrations show (script change, order swap, dropped diacritics,
 * typos, single names, day/month swap, year-only dob, phone with or without country code,
 * passport OCR errors, missing fields).
 */
import { pickWeighted, type Rng } from '../random.ts';
import { samplePersonName, type PersonName } from '../names/pools.ts';
import { vietnameseReading } from '../names/index.ts';
import { NATIONALITY_MIX, PHONE_PLANS } from './synthetic-plans.ts';
import type { MatchRecord } from './types.ts';

export interface SyntheticRecord extends MatchRecord {
  /** True person id (ground truth). */
  truth: string;
}

interface Person {
  id: string;
  nationality: string;
  name: PersonName;
  /** Ways the name gets written: native script, romanisation, Vietnamese reading of Han names. */
  forms: string[];
  dob: { y: number; m: number; d: number };
  phone: string;
  passport: string;
}

const CLUSTER_SIZES: readonly (readonly [number, number])[] = [
  [1, 40],
  [2, 30],
  [3, 20],
  [4, 10],
];
const OCR_SWAPS: Record<string, string> = {
  '0': 'O',
  O: '0',
  '1': 'I',
  I: '1',
  '5': 'S',
  S: '5',
  '8': 'B',
  B: '8',
  '2': 'Z',
  Z: '2',
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const fillDigits = (rng: Rng, pattern: string): string => pattern.replace(/x/g, () => String(rng.int(10)));

function makePerson(rng: Rng, id: number): Person {
  const nationality = pickWeighted(rng, NATIONALITY_MIX);
  const name = samplePersonName(rng, nationality, rng.chance(0.5) ? 'female' : 'male');
  const forms = [name.latin];
  if (name.script !== 'Latn') forms.push(name.full);
  if (name.script === 'Hani') {
    const vi = hanToVietnamese(name.family);
    const viGiven = hanToVietnamese(name.given);
    if (vi !== null && viGiven !== null) forms.push(`${vi} ${viGiven}`.trim());
  }
  const plan = phonePlan(nationality);
  const letters = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];
  return {
    id: `p${id}`,
    nationality,
    name,
    forms,
    dob: { y: 1965 + rng.int(43), m: 1 + rng.int(12), d: 1 + rng.int(28) },
    phone: fillDigits(rng, rng.pick(plan.pattern)),
    passport: rng.pick(letters) + (rng.chance(0.5) ? rng.pick(letters) : '') + fillDigits(rng, 'xxxxxxx'),
  };
}

function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

function typo(rng: Rng, s: string): string {
  if (s.length < 4 || /[^\x20-\x7e\u00c0-\u024f\u1e00-\u1eff]/.test(s)) return s;
  const i = 1 + rng.int(s.length - 2);
  const alphabet = 'aeiounrstlhkmgy';
  switch (rng.int(3)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + alphabet[rng.int(alphabet.length)] + s.slice(i + 1);
    default:
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
}

/** Vietnamese (Hán-Việt) reading of Han characters, capitalised per syllable; null if one is unknown. */
function hanToVietnamese(han: string | null): string | null {
  if (!han) return '';
  const out: string[] = [];
  for (const ch of han) {
    const r = vietnameseReading(ch);
    if (!r) return null;
    out.push(r.charAt(0).toUpperCase() + r.slice(1));
  }
  return out.join(' ');
}

function writeName(rng: Rng, p: Person, clean: boolean): string {
  const { name } = p;
  if (clean) return rng.pick(p.forms.slice(0, 2));
  const form = p.forms.length > 2 && rng.chance(0.2) ? 2 : rng.int(Math.min(2, p.forms.length));
  let text = p.forms[form]!;
  const spaced = text.includes(' ');
  if (spaced) {
    let parts = text.split(' ');
    const familyFirst = name.order === 'family_first';
    // Single name given.
    if (name.family && parts.length > 1 && rng.chance(0.08)) parts = familyFirst ? parts.slice(1) : parts.slice(0, -1);
    if (parts.length > 1 && rng.chance(0.15)) parts = [...parts.slice(1), parts[0]!]; // order swap
    if (rng.chance(0.15)) {
      const k = rng.int(parts.length);
      parts[k] = typo(rng, parts[k]!);
    }
    text = parts.join(' ');
  } else if (name.family && name.order !== 'single' && rng.chance(0.08)) {
    text = name.given; // native unspaced name written without the family name
  }
  if (rng.chance(0.3)) text = stripDiacritics(text);
  if (rng.chance(0.1)) text = text.toUpperCase();
  return text;
}

function writeDob(rng: Rng, p: Person, clean: boolean): string | null {
  const { y, m, d } = p.dob;
  if (clean) return `${y}-${pad(m)}-${pad(d)}`;
  const r = rng.next();
  if (r < 0.08) return null;
  if (r < 0.16) return String(y);
  if (r < 0.24 && d <= 12 && d !== m) return `${y}-${pad(d)}-${pad(m)}`;
  if (r < 0.28) return `${y}-${pad(m)}-${pad(Math.min(28, d + 1 + rng.int(3)))}`;
  if (r < 0.32) return `${pad(d)}/${pad(m)}/${y}`;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function phonePlan(nationality: string): (typeof PHONE_PLANS)[string] {
  const plan = PHONE_PLANS[nationality];
  if (!plan) throw new Error(`no phone plan for nationality ${nationality}`);
  return plan;
}

function writePhone(rng: Rng, p: Person, clean: boolean): string | null {
  const plan = phonePlan(p.nationality);
  if (!clean && rng.chance(0.25)) return null;
  const international = rng.chance(0.5);
  return international ? `+${plan.cc} ${p.phone}` : `${plan.trunk0 ? '0' : ''}${p.phone}`;
}

function writePassport(rng: Rng, p: Person, clean: boolean): string | null {
  if (rng.chance(clean ? 0.3 : 0.45)) return null; // often confiscated or lost
  if (clean || !rng.chance(0.2)) return p.passport;
  const chars = [...p.passport];
  const candidates = chars.map((c, i) => (OCR_SWAPS[c] ? i : -1)).filter((i) => i >= 0);
  if (candidates.length > 0) {
    const i = rng.pick(candidates);
    chars[i] = OCR_SWAPS[chars[i]!]!;
  }
  return chars.join('');
}

/** N records (about; the last person is cut to fit) with ground truth in `truth`. */
export function generateSyntheticPopulation(rng: Rng, n: number): SyntheticRecord[] {
  const out: SyntheticRecord[] = [];
  let personId = 0;
  while (out.length < n) {
    const person = makePerson(rng, personId++);
    const copies = Math.min(pickWeighted(rng, CLUSTER_SIZES), n - out.length);
    for (let k = 0; k < copies; k++) {
      const clean = k === 0;
      out.push({
        id: `r${out.length}`,
        truth: person.id,
        source: `org${rng.int(6)}`,
        fields: {
          name: writeName(rng, person, clean),
          dob: writeDob(rng, person, clean),
          phone: writePhone(rng, person, clean),
          nationality: !clean && rng.chance(0.05) ? null : person.nationality,
          passport: writePassport(rng, person, clean),
        },
      });
    }
  }
  // Shuffle so duplicates are not adjacent (Fisher–Yates with the seeded rng).
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
