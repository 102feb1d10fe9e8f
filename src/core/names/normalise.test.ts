import { describe, expect, it } from 'vitest';
import { normaliseName } from './normalise.ts';

describe('normaliseName', () => {
  it('lower-cases, folds diacritics and strips punctuation, keeping written order', () => {
    const n = normaliseName('Trần Chí');
    expect(n.tokens).toEqual(['tran', 'chi']);
    expect(n.script).toBe('Latn');
    expect(n.readings).toEqual([]);
    expect(n.parts).toEqual(['Trần', 'Chí']);
    expect(normaliseName('CHEN, Zhi.').tokens).toEqual(['chen', 'zhi']);
    expect(normaliseName('Đỗ Thị Hương').tokens).toEqual(['do', 'thi', 'huong']);
  });

  it('reads Han names as pinyin tokens with pinyin, Vietnamese, Cantonese and Hokkien readings', () => {
    const n = normaliseName('陳志');
    expect(n.script).toBe('Hani');
    expect(n.tokens).toEqual(['chen', 'zhi']);
    expect(n.readings).toEqual([
      ['chen', 'zhi'],
      ['tran', 'chi'],
      ['can', 'zi'],
      ['tan', 'chee'],
    ]);
    expect(n.surnameClasses).toEqual(['sn:陳']);
    expect(n.han).toBe('陈志');
    expect(n.vietnameseParts).toEqual(['Trần', 'Chí']);
  });

  it("joins hyphenated or apostrophised syllables into one token (Zhi-Wei, Ch'en)", () => {
    expect(normaliseName('Chen Zhi-Wei').tokens).toEqual(['chen', 'zhiwei']);
    expect(normaliseName("Ch'en Chih-wei").tokens).toEqual(['chen', 'chihwei']);
    // "Zhi Wei" stays two tokens; comparison joins tokens when it needs to.
    expect(normaliseName('Zhi Wei Chen').forms[0]!.joined).toBe(normaliseName('Zhiwei Chen').forms[0]!.joined);
  });

  it('marks known surname romanisations with their class', () => {
    expect(normaliseName('Tan Chee').surnameClasses).toContain('sn:陳');
    expect(normaliseName('Nguyen Van An').surnameClasses).toContain('sn:阮');
    expect(normaliseName('Sutrisno').surnameClasses).toEqual([]);
  });

  it('keeps single names and Burmese names whole, stripping only unambiguous honorifics', () => {
    expect(normaliseName('Sutrisno').tokens).toEqual(['sutrisno']);
    const u = normaliseName('U Aung San Suu Kyi');
    expect(u.tokens).toEqual(['aung', 'san', 'suu', 'kyi']);
    expect(u.honorifics).toEqual(['u']);
    expect(normaliseName('Daw Khin Myo').honorifics).toEqual(['daw']);
    // Ko is also a name syllable: never stripped.
    expect(normaliseName('Ko Ko Aung').tokens).toEqual(['ko', 'ko', 'aung']);
    // A lone title is kept rather than leaving no name.
    expect(normaliseName('U').tokens).toEqual(['u']);
    expect(normaliseName('ဦးအောင်ဆန်း').honorifics).toEqual(['u']);
  });

  it('drops patronymic and article particles and canonicalises Muhammad variants', () => {
    expect(normaliseName('Siti Nurhaliza binti Ahmad').tokens).toEqual(['siti', 'nurhaliza', 'ahmad']);
    expect(normaliseName('Md. Rahim s/o Karim').tokens).toEqual(['muhammad', 'rahim', 'karim']);
    expect(normaliseName('Mohammed Al-Rashid').tokens).toEqual(['muhammad', 'rashid']);
    expect(normaliseName('Juan dela Cruz').tokens).toEqual(['juan', 'cruz']);
    // The article goes with its particle, written apart or joined; alone it is a name ("La Thi Mai").
    expect(normaliseName('Luisa De la Cruz').tokens).toEqual(['luisa', 'cruz']);
    expect(normaliseName('Ana de los Santos').tokens).toEqual(['ana', 'santos']);
    expect(normaliseName('La Thi Mai').tokens).toEqual(['la', 'thi', 'mai']);
    // Vietnamese "Văn" is a name part, not the Dutch particle.
    expect(normaliseName('Nguyễn Văn An').tokens).toEqual(['nguyen', 'van', 'an']);
  });

  it('transliterates other scripts to ASCII', () => {
    expect(normaliseName('Иван Петров').tokens).toEqual(['ivan', 'petrov']);
    const thai = normaliseName('สมชาย ใจดี');
    expect(thai.tokens).toHaveLength(2);
    expect(thai.tokens.every((t) => /^[a-z]+$/.test(t))).toBe(true);
    // Korean: family-name syllable split off, recognised as a surname.
    const kim = normaliseName('김민준');
    expect(kim.tokens).toEqual(['gim', 'minjun']);
    expect(kim.surnameClasses).toContain('sn:金');
  });

  it('handles names without letters', () => {
    const n = normaliseName(' -- 123 ');
    expect(n.tokens).toEqual([]);
    expect(n.script).toBe('unknown');
  });
});

describe('normaliseName: a name given in two scripts', () => {
  it('keeps the characters and drops a romanisation that is one of their readings', () => {
    expect(normaliseName('陈志 (Chen Zhi)').tokens).toEqual(['chen', 'zhi']);
    expect(normaliseName('Trần Chí 陳志').parts).toEqual(['陳', '志']);
    expect(normaliseName('陈志 Zhi Chen').readings).toHaveLength(4);
    expect(normaliseName('林德成 Lim Teck Seng').tokens).toEqual(['lin', 'decheng']);
    expect(normaliseName('黃家明 Wong Ka Ming').tokens).toEqual(['huang', 'jiaming', 'wong', 'ka', 'ming']);
    expect(normaliseName('黃家明 Wong Ga Ming').tokens).toEqual(['huang', 'jiaming']);
  });

  it('keeps a romanisation that adds something', () => {
    expect(normaliseName('陈志 Peter').tokens).toEqual(['chen', 'zhi', 'peter']);
  });
});
