/**
 * Contract every comparator must pass: symmetric levels, null handling, level range, readable
 * explanations for every outcome. Add new comparators to COMPARATORS below.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnyComparator, FieldValue } from '../types.ts';
import { COMPARATOR_KINDS } from '../types.ts';
import { buildComparator } from './build-comparator.ts';
import { personNameComparator } from './person-name.ts';
import { fallbackNamesLayer, type NamesLayer } from '../names-port.ts';

const sample = (xs: string[]) => fc.constantFrom(...xs);
/** Realistic values per kind, mixed with arbitrary strings and blanks. */
const VALUES: Record<string, fc.Arbitrary<string>> = {
  exact: sample(['Lyon', 'lyon', 'Paris', 'São Paulo']),
  string: sample(['martha', 'marhta', 'stephen', 'steven', 'nguyen', 'ngyuen']),
  person_name: sample([
    'Chen Zhi',
    '陈志',
    'Trần Chí',
    'Zhi Chen',
    'Maria Santos',
    'Santos',
    'สมชาย ใจดี',
    'Somchai Jaidee',
    'Aung Kyaw',
  ]),
  date: sample(['1990-03-07', '1990-07-03', '07/03/1990', '1990', '1991-01-01', '19900308', '2001-12-31']),
  phone: sample(['0812 3456 7890', '+62 812-3456-7890', '+66 81 234 5678', '0912345678', '+84 912345678', '123']),
  document: sample(['E1234567', 'EI234S67', 'E1234568', 'K7654321', 'e-1234567']),
  nationality: sample(['KH', 'TH', 'KH;TH', 'vn', 'CN,VN']),
  postcode: sample(['2119', '2118', '21190', '4881']),
  sex: sample(['M', 'male', 'F', 'Female', 'perempuan', '女', 'x', 'unknown']),
  address: sample(['wallaby place', 'pridhamstreet', 'pridham street', '12 wallaby place delmar']),
};

interface Case {
  label: string;
  comparator: AnyComparator;
  /** The same comparator built anew, as a levels worker thread builds it. */
  rebuild: () => AnyComparator;
  arity: number;
  kind: string;
}

/** What a copy between threads (structured clone) keeps whole: no prototype of its own, no function. */
function isPlainData(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol';
  if (ArrayBuffer.isView(v)) return true;
  if (Array.isArray(v)) return v.every(isPlainData);
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.values(v).every(isPlainData);
}

function standInNames(): AnyComparator {
  return personNameComparator(
    { kind: 'person_name', name: 'name', fields: ['x'] },
    fallbackNamesLayer as unknown as NamesLayer,
  );
}

const COMPARATORS: Case[] = [
  ...COMPARATOR_KINDS.map((kind) => {
    const arity = kind === 'phone' || kind === 'address' ? 2 : 1;
    const fields = arity === 2 ? ['x', 'y'] : ['x'];
    const spec = { kind, name: kind, fields };
    return { label: kind, comparator: buildComparator(spec), rebuild: () => buildComparator(spec), arity, kind };
  }),
  {
    label: 'person_name (stand-in names layer)',
    comparator: standInNames(),
    rebuild: standInNames,
    arity: 1,
    kind: 'person_name',
  },
];

function valueArb(kind: string): fc.Arbitrary<FieldValue> {
  return fc.oneof(
    { weight: 5, arbitrary: VALUES[kind]! },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom<FieldValue>(null, '', '   ') },
  );
}

function inputsArb(c: Case): fc.Arbitrary<FieldValue[]> {
  const second = c.kind === 'phone' ? fc.constantFrom<FieldValue>('ID', 'VN', 'TH', null) : valueArb(c.kind);
  return c.arity === 2 ? fc.tuple(valueArb(c.kind), second) : fc.tuple(valueArb(c.kind));
}

describe.each(COMPARATORS)('comparator contract: $label', (c) => {
  const comp = c.comparator;

  it('declares distinct levels, strongest first, ending in a catch-all', () => {
    expect(comp.levels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(comp.levels).size).toBe(comp.levels.length);
    expect(['else', 'different']).toContain(comp.levels[comp.levels.length - 1]);
    expect(comp.spec.kind).toBe(c.kind);
    expect(comp.name).toBe(comp.spec.name);
  });

  it('gives the same level in both directions, within range, -1 exactly when a value is missing', () => {
    fc.assert(
      fc.property(inputsArb(c), inputsArb(c), (x, y) => {
        const a = comp.prepare(x);
        const b = comp.prepare(y);
        const l = comp.compare(a, b);
        expect(comp.compare(b, a)).toBe(l);
        expect(Number.isInteger(l)).toBe(true);
        expect(l).toBeGreaterThanOrEqual(-1);
        expect(l).toBeLessThan(comp.levels.length);
        expect(l === -1).toBe(a == null || b == null);
      }),
      { numRuns: 300 },
    );
  });

  it('treats missing and blank values as null', () => {
    const blank = c.arity === 2 ? [null, null] : [null];
    expect(comp.prepare(blank)).toBeNull();
    expect(comp.prepare(c.arity === 2 ? ['  ', null] : ['  '])).toBeNull();
    fc.assert(
      fc.property(inputsArb(c), (x) => {
        const a = comp.prepare(x);
        expect(comp.compare(a, null)).toBe(-1);
        expect(comp.compare(null, a)).toBe(-1);
      }),
      { numRuns: 100 },
    );
  });

  it('explains every outcome, in both directions, with non-empty text', () => {
    fc.assert(
      fc.property(inputsArb(c), inputsArb(c), (x, y) => {
        const a = comp.prepare(x);
        const b = comp.prepare(y);
        const l = comp.compare(a, b);
        for (const text of [comp.explain(a, b, l), comp.explain(b, a, l)]) {
          expect(typeof text).toBe('string');
          expect(text.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  // A levels worker thread (parallel/levels-pool.ts) holds the calling thread's prepared values either copied or
  // prepared again by its own comparator, and must judge every pair as the calling thread would.
  it('prepares plain data that a comparator built anew judges alike, copied or prepared again', () => {
    const other = c.rebuild();
    fc.assert(
      fc.property(inputsArb(c), inputsArb(c), (x, y) => {
        const a = comp.prepare(x);
        const b = comp.prepare(y);
        const l = comp.compare(a, b);
        const copied = [structuredClone(a), structuredClone(b)] as const;
        expect(isPlainData(a) && isPlainData(b)).toBe(true); // nothing a copy would lose: prototypes, functions
        expect(other.compare(copied[0], copied[1])).toBe(l);
        expect(other.compare(other.prepare(x), other.prepare(y))).toBe(l);
      }),
      { numRuns: 200 },
    );
  });

  it('gives string blocking and term-frequency keys for present values', () => {
    fc.assert(
      fc.property(inputsArb(c), (x) => {
        const a = comp.prepare(x);
        if (a == null) return;
        if (comp.blockingKeys) for (const k of comp.blockingKeys(a)) expect(typeof k).toBe('string');
        if (comp.termFrequencyKey) {
          const k = comp.termFrequencyKey(a);
          expect(k === null || typeof k === 'string').toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

// Comparators that memoise pairs also judge them without the memo (scoring's own cache calls that).
describe.each(COMPARATORS.filter((c) => c.comparator.compareUnmemoised))('comparator memo: $label', (c) => {
  const comp = c.comparator;

  it('judges a pair without its memo exactly as with it (scoring remembers levels)', () => {
    const fresh = comp.compareUnmemoised!.bind(comp);
    fc.assert(
      fc.property(inputsArb(c), inputsArb(c), (x, y) => {
        const a = comp.prepare(x);
        const b = comp.prepare(y);
        // Before and after the memo has seen the pair.
        const first = fresh(a, b);
        expect(comp.compare(a, b)).toBe(first);
        expect(fresh(b, a)).toBe(first);
        expect(comp.compare(b, a)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});
