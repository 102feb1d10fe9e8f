import { describe, expect, it } from 'vitest';
import { MAX_BLOCKING_KEYS, nameBlockingKeys } from './blocking.ts';
import { normaliseName } from './normalise.ts';
import { createRng } from '../random.ts';

function keys(name: string): string[] {
  return nameBlockingKeys(normaliseName(name));
}

function share(a: string, b: string): boolean {
  const kb = new Set(keys(b));
  return keys(a).some((k) => kb.has(k));
}

describe('nameBlockingKeys', () => {
  const chenZhi = ['陈志', '陳志', 'Chen Zhi', 'Zhi Chen', 'CHEN ZHI', 'Chan Chi', 'Tan Chee', 'Trần Chí', 'Tran Chi'];

  it('gives every spelling of 陈志 a key shared with every other', () => {
    for (const a of chenZhi) for (const b of chenZhi) expect(share(a, b), `${a} / ${b}`).toBe(true);
  });

  it.each([
    ['Nguyễn Văn An', 'Nguyen Van An'],
    ['Sutrisno', 'Sutrisno Wibowo'],
    ['Aung Ko Ko', 'Ko Ko Aung'],
    ['Siti Nurhaliza binti Ahmad', 'Siti Nurhaliza'],
    ['สมชาย', 'Somchai'],
    ['John Smith', 'Jon Smyth'],
    ['陈志伟', 'Chen Zhi-Wei'],
    // A typo, a short form or an initial in one part leaves the other part's key (issue #12).
    ['Montse Ferrer', 'Monse Ferrer'],
    ['Montserrat Ferrer', 'Montse Ferrer'],
    ['Jose R. Aquino', 'Jose Reyes Aquino'],
    ['Tunde Adeyemi', 'Babatunde Adeyemi'],
    ['Budi', 'Budi Santoso'],
    ['Anan Srisuk', 'อนันต์ ศรีสุข'],
  ])('%s and %s share a key', (a, b) => {
    expect(share(a, b)).toBe(true);
  });

  it('gives at most MAX_BLOCKING_KEYS keys, none for an empty name', () => {
    for (const n of [...chenZhi, 'Maria Clara Santos de la Cruz Reyes Bautista', 'Tan Chee Wong Lee Lim']) {
      expect(keys(n).length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
      expect(keys(n).length).toBeGreaterThan(0);
    }
    expect(keys('')).toEqual([]);
  });

  it('rarely gives unrelated names a shared key', () => {
    const given = [
      'Maria',
      'Juan',
      'Siti',
      'Agus',
      'Somchai',
      'Aung',
      'Mei',
      'Wei',
      'Rahim',
      'Grace',
      'Joseph',
      'Amina',
      'Thu',
      'Hung',
      'Budi',
      'Dewi',
    ];
    const family = [
      'Santos',
      'Reyes',
      'Wibowo',
      'Kurniawan',
      'Jaidee',
      'Naing',
      'Lin',
      'Wang',
      'Uddin',
      'Okafor',
      'Mwangi',
      'Nakato',
      'Pham',
      'Le',
      'Chen',
      'Silva',
    ];
    const rng = createRng(7);
    let pairs = 0;
    let shared = 0;
    for (let k = 0; k < 400; k++) {
      const a = `${rng.pick(given)} ${rng.pick(family)}`;
      const b = `${rng.pick(given)} ${rng.pick(family)}`;
      if (a.split(' ').some((t) => b.split(' ').includes(t))) continue; // only pairs with no name part in common
      pairs++;
      if (share(a, b)) shared++;
    }
    expect(pairs).toBeGreaterThan(200);
    expect(shared / pairs).toBeLessThan(0.05);
  });
});
