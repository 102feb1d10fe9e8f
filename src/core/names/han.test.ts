import { describe, expect, it } from 'vitest';
import { cantoneseReading, readHanWord, toSimplified, toTraditional, vietnameseReading } from './han.ts';

describe('Han readings', () => {
  it('folds traditional and simplified characters', () => {
    expect(toSimplified('陳志偉')).toBe('陈志伟');
    expect(toTraditional('陈志伟')).toBe('陳志偉');
  });

  it('gives Hán-Việt readings from Unihan kVietnamese, for either form', () => {
    expect(vietnameseReading('陳')).toBe('trần');
    expect(vietnameseReading('陈')).toBe('trần');
    expect(vietnameseReading('志')).toBe('chí');
    expect(vietnameseReading('黃')).toBe('hoàng');
  });

  it('gives Cantonese readings respelled towards Hong Kong name spellings', () => {
    expect(cantoneseReading('陳')).toBe('can');
    expect(cantoneseReading('张')).toBe('zeung');
    expect(cantoneseReading('家')).toBe('ga');
    expect(cantoneseReading('欣')).toBe('yan');
  });

  it('splits a name into family name and given name with pinyin and Vietnamese readings', () => {
    const w = readHanWord('陳志偉', true);
    expect(w.parts).toEqual(['陳', '志偉']);
    expect(w.pinyin).toEqual(['chen', 'zhiwei']);
    expect(w.vietnamese).toEqual(['tran', 'chivi']);
    expect(w.vietnameseDisplay).toEqual(['Trần', 'Chí Vĩ']);
    expect(w.cantonese).toEqual(['can', 'ziwai']);
    expect(w.surname).toBe('sn:陳');
    expect(w.simplified).toBe('陈志伟');
  });

  it('recognises compound surnames and uses surname readings of polyphonic characters', () => {
    expect(readHanWord('欧阳娜娜', true).parts).toEqual(['欧阳', '娜娜']);
    expect(readHanWord('单志', true).pinyin[0]).toBe('shan');
  });

  it('keeps a word whole when asked not to split', () => {
    expect(readHanWord('志偉', false).parts).toEqual(['志偉']);
    expect(readHanWord('陈', false).surname).toBe('sn:陳');
  });
});
