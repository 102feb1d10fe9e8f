import { describe, expect, it } from 'vitest';
import { romaniseMyanmar } from './transliterate-myanmar.ts';

const roman = (w: string) =>
  romaniseMyanmar(w)
    .map((s) => s.token)
    .join(' ');

describe('romaniseMyanmar', () => {
  it.each([
    ['အောင်ဆန်းစုကြည်', 'aung san su kyi'],
    ['ကိုကိုအောင်', 'ko ko aung'],
    ['ဇော်ဝင်း', 'zaw win'],
    ['မင်းသူ', 'min thu'],
    ['ထက်', 'htet'],
    ['နိုင်', 'naing'],
    ['လှိုင်', 'hlaing'],
    ['ကျော်', 'kyaw'],
    ['ထွန်း', 'htun'],
    ['ခင်', 'khin'],
    ['ငြိမ်း', 'nyein'],
    ['ဖြိုး', 'phyo'],
    ['ရွှေ', 'shwe'],
    ['ချစ်', 'chit'],
    ['ခိုင်', 'khaing'],
    ['အေး', 'aye'],
    ['မြင့်', 'myint'],
    ['သန့်', 'thant'],
  ])('%s → %s', (word, expected) => {
    expect(roman(word)).toBe(expected);
  });

  it('keeps each syllable as written, for explanations', () => {
    expect(romaniseMyanmar('အောင်ဆန်း').map((s) => s.part)).toEqual(['အောင်', 'ဆန်း']);
  });

  it('gives nothing for text without Burmese letters', () => {
    expect(romaniseMyanmar('')).toEqual([]);
    expect(romaniseMyanmar('\u103A\u1038')).toEqual([]);
  });
});
