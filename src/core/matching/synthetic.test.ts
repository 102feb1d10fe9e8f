import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { generateSyntheticPopulation } from './synthetic.ts';

describe('generateSyntheticPopulation', () => {
  const records = generateSyntheticPopulation(createRng(5), 3000);

  it('is reproducible from the seed', () => {
    expect(generateSyntheticPopulation(createRng(5), 200)).toEqual(generateSyntheticPopulation(createRng(5), 200));
    expect(generateSyntheticPopulation(createRng(6), 200)).not.toEqual(generateSyntheticPopulation(createRng(5), 200));
  });

  it('writes each true person in 1 to 4 records with unique ids', () => {
    expect(records).toHaveLength(3000);
    expect(new Set(records.map((r) => r.id)).size).toBe(3000);
    const sizes = new Map<string, number>();
    for (const r of records) sizes.set(r.truth, (sizes.get(r.truth) ?? 0) + 1);
    const counts = [...sizes.values()];
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(0);
    expect(counts.filter((c) => c >= 3).length).toBeGreaterThan(0);
  });

  it('mixes nationalities and scripts, with realistic errors and gaps', () => {
    const nats = new Set(records.map((r) => r.fields.nationality).filter(Boolean));
    for (const n of ['CN', 'VN', 'ID', 'TH', 'MM', 'PH', 'IN', 'BD', 'KE', 'NG', 'UG', 'BR'])
      expect(nats.has(n)).toBe(true);
    const names = records.map((r) => r.fields.name ?? '');
    expect(names.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Thai}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Myanmar}/u.test(n))).toBe(true);
    expect(names.some((n) => /[ăâđêôơư]/iu.test(n))).toBe(true);
    expect(records.some((r) => r.fields.dob != null && /^\d{4}$/.test(r.fields.dob))).toBe(true);
    expect(records.some((r) => r.fields.dob == null)).toBe(true);
    expect(records.some((r) => r.fields.phone?.startsWith('+'))).toBe(true);
    expect(records.some((r) => r.fields.phone != null && !r.fields.phone.startsWith('+'))).toBe(true);
    expect(records.some((r) => r.fields.passport == null)).toBe(true);
  });

  it('writes one Chinese person in Han characters and in a romanisation or Vietnamese reading', () => {
    const byTruth = new Map<string, string[]>();
    for (const r of records)
      if (r.fields.nationality === 'CN' && r.fields.name)
        byTruth.set(r.truth, [...(byTruth.get(r.truth) ?? []), r.fields.name]);
    const mixed = [...byTruth.values()].filter(
      (names) => names.some((n) => /\p{Script=Han}/u.test(n)) && names.some((n) => /[a-z]/i.test(n)),
    );
    expect(mixed.length).toBeGreaterThan(0);
  });
});
