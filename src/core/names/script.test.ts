import { describe, expect, it } from 'vitest';
import { detectScript, SCRIPTS } from './script.ts';

describe('detectScript', () => {
  it.each([
    ['陈志', 'Hani'],
    ['陳志偉', 'Hani'],
    ['Chen Zhi', 'Latn'],
    ['Trần Chí', 'Latn'],
    ['สมชาย ใจดี', 'Thai'],
    ['အောင်ဆန်းစုကြည်', 'Mymr'],
    ['សុខ ចាន់', 'Khmr'],
    ['김민준', 'Hang'],
    ['রহিম উদ্দিন', 'Beng'],
    ['राम कुमार', 'Deva'],
    ['محمد علي', 'Arab'],
    ['Иван Петров', 'Cyrl'],
  ] as const)('%s is %s', (name, script) => {
    expect(detectScript(name)).toBe(script);
  });

  it('reports mixed scripts and ignores punctuation, digits and spaces', () => {
    expect(detectScript('陈志 Chen Zhi')).toBe('mixed');
    expect(detectScript('  Chen-Zhi, 2 (ZHI) ')).toBe('Latn');
    expect(detectScript('陈志 (1990)')).toBe('Hani');
  });

  it('is unknown without letters or for scripts outside the list', () => {
    expect(detectScript('')).toBe('unknown');
    expect(detectScript('123 - ()')).toBe('unknown');
    expect(detectScript('Αλέξανδρος')).toBe('unknown');
    expect(SCRIPTS).toContain(detectScript('Αλέξανδρος'));
  });
});
