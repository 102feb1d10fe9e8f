import { describe, expect, it } from 'vitest';
import { romanisationsOf, surnameClassCount, surnameClassesOfToken, surnameClassOfHan } from './surnames.ts';

describe('surname classes', () => {
  it('covers at least the hundred most common Chinese surnames', () => {
    expect(surnameClassCount()).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ['sn:陳', ['chen', 'chan', 'tan', 'tran', 'chin', 'chun', 'jin']],
    ['sn:林', ['lin', 'lam', 'lim', 'im']],
    ['sn:黃', ['huang', 'wong', 'ng', 'oei', 'wee', 'huynh', 'hoang', 'hwang']],
    ['sn:李', ['li', 'lee', 'lei', 'ly', 'ri', 'yi']],
    ['sn:王', ['wang', 'wong', 'ong', 'vuong']],
    ['sn:張', ['zhang', 'cheung', 'chang', 'teo', 'tiu', 'truong', 'jang']],
    ['sn:劉', ['liu', 'lau', 'lao', 'low', 'luu', 'yu', 'ryu']],
    ['sn:阮', ['nguyen', 'ruan']],
  ])('%s has the romanisations %j', (id, spellings) => {
    for (const s of spellings) expect(surnameClassesOfToken(s)).toContain(id);
    expect(romanisationsOf(id as `sn:${string}`)).toEqual(expect.arrayContaining(spellings));
  });

  it('folds Vietnamese diacritics in the table (trần → tran)', () => {
    expect(romanisationsOf('sn:陳')).toContain('tran');
    expect(romanisationsOf('sn:陳').every((r) => /^[a-z]+$/.test(r))).toBe(true);
  });

  it('gives several classes for ambiguous spellings and none for non-surnames', () => {
    expect(surnameClassesOfToken('wong')).toEqual(expect.arrayContaining(['sn:王', 'sn:黃']));
    expect(surnameClassesOfToken('sutrisno')).toEqual([]);
  });

  it('maps simplified, traditional and compound characters to one class', () => {
    expect(surnameClassOfHan('陈')).toBe('sn:陳');
    expect(surnameClassOfHan('陳')).toBe('sn:陳');
    expect(surnameClassOfHan('黄')).toBe('sn:黃');
    expect(surnameClassOfHan('欧阳')).toBe('sn:歐陽');
    expect(surnameClassOfHan('志')).toBeUndefined();
  });
});
