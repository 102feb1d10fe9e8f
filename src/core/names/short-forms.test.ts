/**
 * Name families of issue #12 that earlier tests did not cover: initials, short forms and nicknames cut
 * from either end of a name, Thai titles and silent letters, Indonesian single names, honorifics — each
 * in both directions, with the negatives that must stay apart.
 */
import { describe, expect, it } from 'vitest';
import { compareNames } from './compare.ts';
import { levelRank, type NameLevel } from './name-levels.ts';
import { normaliseName } from './normalise.ts';
import { frequencyKey } from './name-form.ts';

function level(a: string, b: string): NameLevel {
  const ab = compareNames(normaliseName(a), normaliseName(b));
  const ba = compareNames(normaliseName(b), normaliseName(a));
  expect(ba.level, `${b} vs ${a}`).toBe(ab.level);
  return ab.level;
}
const atLeast = (a: string, b: string, weakest: NameLevel) =>
  expect(levelRank(level(a, b)), `${a} vs ${b}: ${level(a, b)}`).toBeLessThanOrEqual(levelRank(weakest));

describe('initials', () => {
  it('a middle or family name given as an initial is partial agreement, both ways', () => {
    atLeast('Jose S. Garcia', 'Jose Santos Garcia', 'partial');
    atLeast('Jose Santos Garcia', 'Jose S. Garcia', 'partial');
    atLeast('Rudi P.', 'Rudi Prasetyo', 'partial');
    atLeast('Montserrat F. Cruz', 'Montserrat Fernandez Cruz', 'partial');
  });
  it('initials alone, or an initial that does not fit, are not agreement', () => {
    expect(level('J. R.', 'Jose Reyes')).toBe('different');
    expect(level('Jose T. Garcia', 'Jose Santos Lopez')).toBe('different');
  });
});

describe('short forms and nicknames cut from a name', () => {
  it('Yoruba, Igbo, Spanish and Sierra Leonean short forms meet the full name', () => {
    atLeast('Tunde Adeyemi', 'Babatunde Adeyemi', 'partial');
    atLeast('Babatunde Adeyemi', 'Tunde Adeyemi', 'partial');
    atLeast('Emeka Okafor', 'Chukwuemeka Okafor', 'partial');
    atLeast('Wale Bello', 'Adewale Bello', 'partial');
    atLeast('Montse Ferrer', 'Montserrat Ferrer', 'partial');
    atLeast('Monse Ferrer', 'Montse Ferrer', 'fuzzy_strong');
    atLeast('Abu Kamara', 'Abubakarr Kamara', 'partial');
  });
  it('different given names with the same family name stay different', () => {
    expect(level('Chen Zhi', 'Chen Li')).toBe('different');
    expect(level('Nguyen Van An', 'Nguyen Van Binh')).toBe('different');
    expect(level('Sok Dara', 'Sok Dina')).toBe('different');
    expect(level('Tunde Adeyemi', 'Femi Adeyemi')).toBe('different');
    // Two letters are too short to be a short form: Li is not cut from Lin.
    expect(level('Chen Li', 'Chen Lina')).not.toBe('partial');
  });
  it('a short form alone does not carry a name: the family name has to agree too', () => {
    expect(level('Tunde Okafor', 'Babatunde Adeyemi')).toBe('different');
  });
});

describe('Thai script', () => {
  it('a silent letter under the thanthakhat is not romanised (Anan Srisuk ↔ อนันต์ ศรีสุข)', () => {
    atLeast('Anan Srisuk', 'อนันต์ ศรีสุข', 'fuzzy_strong');
    atLeast('อนันต์ ศรีสุข', 'Anan Srisuk', 'fuzzy_strong');
    atLeast('นภา วงศ์สวัสดิ์', 'Napha Wongsawat', 'fuzzy_weak');
    expect(normaliseName('วงศ์').tokens).toEqual(['wng']);
  });
  it('อ opening a word carries the vowel: the inherent "a" before a consonant, silent before a vowel sign', () => {
    expect(normaliseName('อนันต์').tokens).toEqual(['anan']);
    expect(normaliseName('อรุณี').tokens).toEqual(['aruni']);
    expect(normaliseName('อำนาจ').tokens).toEqual(['amnat']);
    expect(normaliseName('เอกชัย').tokens).toEqual(['ekchai']);
    // Inside a word อ is the vowel "o" (ทอง "thong").
    expect(normaliseName('ทองดี').tokens).toEqual(['thongdi']);
    // Sara am survives the NFKC split into nikhahit + sara aa (คำ is "kham", not "khma").
    expect(normaliseName('คำ').tokens).toEqual(['kham']);
    atLeast('ANANT THONGDEE', 'อนันต์ ทองดี', 'fuzzy_weak');
  });
  it('a title written joined to the first name goes to the honorifics', () => {
    const n = normaliseName('นายสมชาย ใจดี');
    expect(n.honorifics).toEqual(['nai']);
    expect(n.tokens).toEqual(normaliseName('สมชาย ใจดี').tokens);
    atLeast('นางนภา วงศ์สวัสดิ์', 'Napha Wongsawat', 'fuzzy_weak');
    expect(normaliseName('นางสาวมาลี ทองดี').honorifics).toEqual(['nangsao']);
  });
  it('a later word is never cut, and different Thai names stay apart', () => {
    const later = normaliseName('สมชาย นายดี');
    expect(later.honorifics).toEqual([]);
    expect(later.tokens[1]).toMatch(/^na/);
    expect(level('Somchai Jaidee', 'สมศักดิ์ ใจดี')).not.toBe('fuzzy_strong');
  });
});

describe('Indonesian single names and honorifics', () => {
  it('a single name is partial agreement with the full name, both ways', () => {
    expect(level('Budi', 'Budi Santoso')).toBe('partial');
    expect(level('Budi Santoso', 'Budi')).toBe('partial');
    expect(level('Budi', 'Agus Santoso')).toBe('different');
  });
  it('Haji, Hj., bin and binti are not name parts', () => {
    atLeast('Haji Ahmad bin Yusuf', 'Ahmad Yusuf', 'same_after_normalisation');
    atLeast('Hj. Siti binti Ismail', 'Siti Ismail', 'same_after_normalisation');
    expect(level('Ahmad bin Yusuf', 'Ahmad bin Ismail')).toBe('different');
  });
  it('a vowel-only Burmese syllable meets any vowel-only spelling of it, never a consonant', () => {
    atLeast('အောင်ကျော်ဦး', 'Aung Kyaw Oo', 'fuzzy_strong');
    atLeast('Aung Kyaw Oo', 'အောင်ကျော်ဦး', 'fuzzy_strong');
    expect(level('အောင်ကျော်ဦး', 'Aung Kyaw Min')).not.toBe('fuzzy_strong');
  });
  it('Burmese U and Daw are honorifics', () => {
    atLeast('Daw Khin Myo', 'Khin Myo', 'same_after_normalisation');
    atLeast('U Aung Kyaw', 'Aung Kyaw', 'same_after_normalisation');
  });
});

describe('pet forms and nicknames not cut from the name (data/nicknames.ts)', () => {
  it('meet the full name when the family name agrees, both ways', () => {
    atLeast('Charo Aquino', 'Rosario Navarro Aquino', 'partial');
    atLeast('Rosario Navarro Aquino', 'Charo Aquino', 'partial');
    atLeast('Kiko Bautista', 'Francisco Ocampo Bautista', 'partial');
    atLeast('Obet Aquino', 'Roberto Bautista Aquino', 'partial');
    atLeast('Gela Ferrer', 'Angelica Bautista Ferrer', 'partial');
    atLeast('Johnny Ocampo', 'Juan Garcia Ocampo', 'partial');
    atLeast('Eddie Aquino', 'Eduardo Torres Aquino', 'partial');
    atLeast('Malou Castillo', 'Maria Luisa Villanueva Castillo', 'partial');
    atLeast('Bob Smith', 'Robert Smith', 'partial');
    atLeast('Brima Koroma', 'Ibrahim Koroma', 'partial');
    atLeast('Mo Bah', 'Mohamed Bah', 'partial');
    atLeast('Mohamed Bah', 'Mo Bah', 'partial');
    atLeast('Zee Kamara', 'Zainab Kamara', 'partial');
    atLeast('Ifeanyi Balogun', 'Ify Balogun', 'partial');
  });
  it('a Yoruba short form taken from inside the name (Funmi of Olufunmilayo), four letters or more', () => {
    atLeast('Funmi Adeyemi', 'Olufunmilayo Adeyemi', 'partial');
    atLeast('Olufunmilayo Adeyemi', 'Funmi Adeyemi', 'partial');
    // Three letters inside a name are chance, not a short form.
    expect(level('Lay Adeyemi', 'Olufunmilayo Adeyemi')).toBe('different');
  });
  it('a nickname of another name, or with another family name, stays different', () => {
    expect(level('Charo Aquino', 'Francisco Aquino')).toBe('different');
    expect(level('Kiko Bautista', 'Rosario Bautista')).toBe('different');
    expect(level('Charo Aquino', 'Rosario Santos')).toBe('different');
    expect(level('Bob Smith', 'William Smith')).toBe('different');
    expect(level('Mo Bah', 'Ibrahim Bah')).toBe('different');
    expect(level('Zee Kamara', 'Aminata Kamara')).toBe('different');
  });
});

describe('Burmese Ko / Ma / Maung leading a name', () => {
  it('the name with and without them agrees (fuzzy), both ways and across scripts', () => {
    atLeast('Ko Zaw Pyo Thun', 'Zaw Phyo Htun', 'fuzzy_weak');
    atLeast('Zaw Phyo Htun', 'Ko Zaw Pyo Thun', 'fuzzy_weak');
    atLeast('Ma Cho Hsu', 'Cho Hsu', 'fuzzy_weak');
    atLeast('Ko Phyo Kyaw', 'PyoKyaw', 'fuzzy_weak');
    atLeast('Maung Kyaw Zaw', 'ကျော်ဇော်', 'fuzzy_weak');
  });
  it('never more than fuzzy_weak, and a different rest stays different', () => {
    // Ma is also the surname 马: Ma Li Na and Li Na must not read as the same name.
    expect(level('Ma Li Na', 'Li Na')).toBe('fuzzy_weak');
    expect(level('Ko Zaw Min', 'Zaw Htun')).toBe('different');
    expect(level('Ma Cho Hsu', 'Khin Hsu')).toBe('different');
  });
});

describe('Hokkien given names read from the characters (data/hokkien-readings.ts)', () => {
  it('the characters meet their Hokkien romanisation, both ways, with the family name first or last', () => {
    atLeast('Lim Teck Seng', '林德成', 'same_reading');
    atLeast('林德成', 'Lim Teck Seng', 'same_reading');
    atLeast('Ong Poh Lan', '王宝兰', 'same_reading');
    atLeast('Lau Eng Choon', '劉英春', 'reordered');
    atLeast('Eng Choon Lau', '劉英春', 'reordered');
  });
  it('another given name under the same family name stays apart', () => {
    expect(levelRank(level('Lim Boon Hock', '林德成'))).toBeGreaterThan(levelRank('surname_equivalent'));
    expect(level('Ong Poh Lan', '王秀忠')).toBe('different');
    expect(level('Chen Zhi', 'Chen Li')).toBe('different');
  });
});

describe('Thai final consonants (RTGS finals)', () => {
  it('a closing consonant is read as its final sound, so the script meets the romanisation, both ways', () => {
    atLeast('Boonmee Srisook', 'บุญมี ศรีสุข', 'fuzzy_weak');
    atLeast('บุญมี ศรีสุข', 'Bunmi Srisuk', 'fuzzy_weak');
    atLeast('Janpen Chaidi', 'จันทร์เพ็ญ ใจดี', 'fuzzy_weak');
    expect(normaliseName('ศรีสุข').tokens).toEqual(['srisuk']);
    expect(normaliseName('แก้ว').tokens).toEqual(['kaeo']);
    // ว after ั is the vowel "ua", not a final; a consonant before a vowel sign begins its syllable.
    expect(normaliseName('บัว').tokens[0]).not.toMatch(/o$/);
    expect(normaliseName('มาลี').tokens).toEqual(['mali']);
  });
  it('different Thai given names under one family name stay apart', () => {
    expect(level('Somchai Jaidee', 'สมศักดิ์ ใจดี')).toBe('different');
    expect(level('Boonmee Srisook', 'สมชาย ศรีสุข')).toBe('different');
  });
});

describe('Bengali script', () => {
  it('ফ is read "f" and মোহাম্মদ as Muhammad, so the script meets the usual spelling, both ways', () => {
    atLeast('Mohammad Rafiqul Islam', 'মোহাম্মদ রফিকুল ইসলাম', 'fuzzy_strong');
    atLeast('মোহাম্মদ রফিকুল ইসলাম', 'Md. Rafiqul Islam', 'fuzzy_strong');
    atLeast('ফাতেমা বেগম', 'Fatema Begum', 'fuzzy_strong');
    expect(normaliseName('মোহাম্মদ').tokens).toEqual(['muhammad']);
  });
  it('another given name stays apart', () => {
    expect(level('Mohammad Shahidul Islam', 'মোহাম্মদ রফিকুল ইসলাম')).toBe('different');
    expect(level('Fatema Begum', 'রিনা বেগম')).toBe('different');
  });
});

describe('romanisation habits and typos in short tokens', () => {
  it('long vowels, doubled letters and y for i (Thai, Burmese, Khmer spellings) agree, both ways', () => {
    atLeast('Kanchana Boonma', 'Kanchana Bunma', 'fuzzy_strong');
    atLeast('Kanchana Bunma', 'Kanchana Boonma', 'fuzzy_strong');
    atLeast('Malee Meesuk', 'Mali Misuk', 'fuzzy_strong');
    atLeast('Phoo Mya Khine', 'Phu Mya Khine', 'fuzzy_strong');
    atLeast('Zaw Oo', 'Zaw Uu', 'fuzzy_strong');
    atLeast('Kym Pisey', 'Kim Pisey', 'fuzzy_strong');
    atLeast('Sok Channtha', 'Sok Chantha', 'fuzzy_strong');
  });
  it('spellings of one name share one frequency key (a common name is counted as one however written)', () => {
    const key = (n: string) => frequencyKey(normaliseName(n).forms[0]!);
    expect(key('Malee Somboon')).toBe(key('Mali Sombun'));
    expect(key('Chaiwatt Boonma')).toBe(key('ชัยวัฒน์ บุญมา'));
    expect(key('Boonma Chaiwatt')).toBe(key('Chaiwat Bunma'));
    expect(key('Nguyen Thi Lan')).not.toBe(key('Nguyen Thi Lien'));
  });
  it('two letters swapped in a short token are a typo, both ways', () => {
    atLeast('Tran Thi Lna', 'Tran Thi Lan', 'fuzzy_strong');
    atLeast('Hoàng Thanh Anh', 'Hoàng Thanh Ahn', 'fuzzy_strong');
    atLeast('Sophea Snu', 'Sun Sophea', 'fuzzy_strong');
  });
  it('another vowel or another consonant is another name', () => {
    expect(level('Nguyen Thi Lan', 'Nguyen Thi Lien')).toBe('different');
    expect(level('Chen Zhi', 'Chen Li')).toBe('different');
    expect(level('Nguyen Van An', 'Nguyen Van Binh')).toBe('different');
    expect(level('Sok Dara', 'Sok Dina')).toBe('different');
    // A swap needs the same letters: Lan / Lam is not one.
    expect(level('Tran Thi Lan', 'Tran Thi Lam')).not.toBe('fuzzy_strong');
  });
});
