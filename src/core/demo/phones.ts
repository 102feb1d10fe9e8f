/**
 * Mobile numbers in the formats people actually write them: international with spaces, national
 * with the trunk zero, or run together. Prefixes are real mobile ranges so the numbers parse;
 * subscriber digits are random, so any match with a real line is chance.
 */
import type { Rng } from '../random.ts';

interface PhonePlan {
  cc: string;
  /** National trunk prefix written before the number at home ('' where mobiles are written without one). */
  trunk: string;
  prefixes: string[];
  /** Digits in the national significant number. */
  length: number;
  /** Group sizes and the separator used at home. */
  groups: number[];
  sep: string;
}

const PLANS: Record<string, PhonePlan> = {
  ID: {
    cc: '62',
    trunk: '0',
    prefixes: ['812', '813', '821', '822', '852', '853', '811', '857', '858', '878', '877', '895', '896', '838'],
    length: 11,
    groups: [3, 4, 4],
    sep: '-',
  },
  CN: {
    cc: '86',
    trunk: '',
    prefixes: [
      '138',
      '139',
      '135',
      '136',
      '137',
      '150',
      '151',
      '152',
      '158',
      '159',
      '186',
      '187',
      '188',
      '131',
      '132',
      '133',
      '153',
      '180',
      '181',
      '189',
      '177',
      '199',
    ],
    length: 11,
    groups: [3, 4, 4],
    sep: ' ',
  },
  VN: {
    cc: '84',
    trunk: '0',
    prefixes: [
      '91',
      '94',
      '98',
      '97',
      '96',
      '90',
      '93',
      '88',
      '86',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '39',
      '70',
      '76',
      '77',
      '78',
      '79',
      '81',
      '82',
      '83',
      '84',
      '85',
    ],
    length: 9,
    groups: [3, 3, 3],
    sep: ' ',
  },
  PH: {
    cc: '63',
    trunk: '0',
    prefixes: [
      '917',
      '918',
      '919',
      '920',
      '921',
      '927',
      '928',
      '939',
      '945',
      '947',
      '955',
      '956',
      '965',
      '966',
      '977',
      '995',
      '998',
      '999',
    ],
    length: 10,
    groups: [3, 3, 4],
    sep: ' ',
  },
  MM: {
    cc: '95',
    trunk: '0',
    prefixes: ['9250', '9420', '9421', '9425', '9426', '9450', '9451', '9760', '9770', '9790', '9970', '9680', '9690'],
    length: 10,
    groups: [1, 3, 3, 3],
    sep: ' ',
  },
  TH: {
    cc: '66',
    trunk: '0',
    prefixes: [
      '81',
      '82',
      '83',
      '84',
      '85',
      '86',
      '87',
      '89',
      '61',
      '62',
      '63',
      '64',
      '65',
      '91',
      '92',
      '93',
      '94',
      '95',
      '96',
      '97',
      '98',
      '99',
      '80',
      '88',
    ],
    length: 9,
    groups: [2, 3, 4],
    sep: ' ',
  },
  IN: {
    cc: '91',
    trunk: '',
    prefixes: ['98', '99', '97', '94', '93', '90', '91', '96', '95'],
    length: 10,
    groups: [5, 5],
    sep: ' ',
  },
  BD: {
    cc: '880',
    trunk: '0',
    prefixes: [
      '171',
      '172',
      '173',
      '174',
      '175',
      '176',
      '177',
      '178',
      '179',
      '181',
      '182',
      '183',
      '186',
      '187',
      '188',
      '191',
      '192',
      '193',
      '195',
      '196',
      '197',
      '198',
      '131',
      '151',
      '161',
    ],
    length: 10,
    groups: [4, 6],
    sep: '-',
  },
  KE: {
    cc: '254',
    trunk: '0',
    prefixes: [
      '712',
      '713',
      '720',
      '721',
      '722',
      '723',
      '724',
      '725',
      '726',
      '727',
      '728',
      '729',
      '710',
      '711',
      '740',
      '741',
      '742',
      '743',
      '745',
      '746',
      '748',
      '757',
      '758',
      '759',
      '768',
      '769',
      '790',
      '791',
      '792',
      '793',
      '794',
      '795',
      '796',
      '797',
      '798',
      '799',
      '110',
      '111',
      '115',
    ],
    length: 9,
    groups: [3, 6],
    sep: ' ',
  },
  SL: {
    cc: '232',
    trunk: '0',
    prefixes: ['76', '77', '78', '79', '30', '33', '88', '99'],
    length: 8,
    groups: [2, 6],
    sep: ' ',
  },
  LR: { cc: '231', trunk: '0', prefixes: ['77', '88'], length: 9, groups: [2, 3, 4], sep: ' ' },
  MG: { cc: '261', trunk: '0', prefixes: ['32', '33', '34', '38'], length: 9, groups: [2, 2, 3, 2], sep: ' ' },
  NG: {
    cc: '234',
    trunk: '0',
    prefixes: [
      '803',
      '806',
      '813',
      '816',
      '810',
      '814',
      '903',
      '906',
      '703',
      '706',
      '805',
      '807',
      '815',
      '811',
      '905',
      '802',
      '808',
      '812',
      '701',
      '708',
      '902',
      '809',
      '817',
      '818',
      '909',
    ],
    length: 10,
    groups: [3, 3, 4],
    sep: ' ',
  },
  UG: {
    cc: '256',
    trunk: '0',
    prefixes: [
      '772',
      '774',
      '775',
      '776',
      '777',
      '778',
      '782',
      '783',
      '784',
      '785',
      '701',
      '702',
      '703',
      '704',
      '750',
      '752',
      '753',
      '756',
      '757',
      '759',
      '760',
      '770',
      '789',
    ],
    length: 9,
    groups: [3, 6],
    sep: ' ',
  },
  ET: {
    cc: '251',
    trunk: '0',
    prefixes: [
      '911',
      '912',
      '913',
      '914',
      '915',
      '916',
      '917',
      '918',
      '919',
      '920',
      '921',
      '922',
      '923',
      '924',
      '925',
      '930',
      '931',
      '940',
      '941',
      '942',
      '943',
      '944',
    ],
    length: 9,
    groups: [2, 3, 4],
    sep: ' ',
  },
  BR: {
    cc: '55',
    trunk: '',
    prefixes: ['119', '219', '319', '419', '519', '619', '719', '819', '859', '199', '279', '629', '929'],
    length: 11,
    groups: [2, 5, 4],
    sep: '-',
  },
  LK: {
    cc: '94',
    trunk: '0',
    prefixes: ['70', '71', '72', '75', '76', '77', '78'],
    length: 9,
    groups: [2, 3, 4],
    sep: ' ',
  },
  NP: {
    cc: '977',
    trunk: '',
    prefixes: ['984', '985', '986', '980', '981', '982', '974', '975', '976', '961', '962', '988'],
    length: 10,
    groups: [3, 7],
    sep: '-',
  },
  MY: {
    cc: '60',
    trunk: '0',
    prefixes: [
      '123',
      '126',
      '127',
      '129',
      '162',
      '163',
      '165',
      '166',
      '168',
      '169',
      '193',
      '196',
      '197',
      '199',
      '172',
      '173',
      '175',
      '176',
      '177',
      '178',
    ],
    length: 9,
    groups: [2, 3, 4],
    sep: ' ',
  },
  LA: {
    cc: '856',
    trunk: '0',
    prefixes: ['2055', '2056', '2077', '2078', '2095', '2096', '2099', '2022', '2058', '2059', '2028'],
    length: 10,
    groups: [2, 4, 4],
    sep: ' ',
  },
  KR: {
    cc: '82',
    trunk: '0',
    prefixes: ['102', '103', '104', '106', '107', '108', '109', '1020', '1030', '1041'],
    length: 10,
    groups: [2, 4, 4],
    sep: '-',
  },
  TW: {
    cc: '886',
    trunk: '0',
    prefixes: ['912', '919', '921', '928', '932', '937', '955', '958', '963', '972', '988'],
    length: 9,
    groups: [3, 3, 3],
    sep: ' ',
  },
  KH: {
    cc: '855',
    trunk: '0',
    prefixes: [
      '12',
      '17',
      '11',
      '61',
      '77',
      '78',
      '85',
      '89',
      '92',
      '95',
      '99',
      '15',
      '16',
      '10',
      '93',
      '98',
      '70',
      '69',
    ],
    length: 8,
    groups: [2, 3, 3],
    sep: ' ',
  },
};

export const PHONE_COUNTRIES: readonly string[] = Object.keys(PLANS);

/** A phone number: its country and national significant number (digits only). */
export interface PhoneNumber {
  country: string;
  nsn: string;
}

export type PhoneStyle = 'international' | 'national' | 'e164' | 'national_compact';

export function randomPhone(rng: Rng, country: string): PhoneNumber {
  const plan = PLANS[country];
  if (!plan) throw new RangeError(`no phone plan for ${country}`);
  let nsn = rng.pick(plan.prefixes);
  while (nsn.length < plan.length) nsn += String(rng.int(10));
  return { country, nsn };
}

function grouped(plan: PhonePlan, nsn: string, sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of plan.groups) {
    parts.push(nsn.slice(at, at + size));
    at += size;
  }
  return parts.join(sep);
}

export function formatPhone(phone: PhoneNumber, style: PhoneStyle): string {
  const plan = PLANS[phone.country];
  if (!plan) throw new Error(`no numbering plan for ${phone.country}`);
  switch (style) {
    case 'e164':
      return `+${plan.cc}${phone.nsn}`;
    case 'international':
      if (phone.country === 'BR') return `+55 ${phone.nsn.slice(0, 2)} ${phone.nsn.slice(2, 7)}-${phone.nsn.slice(7)}`;
      return `+${plan.cc} ${grouped(plan, phone.nsn, plan.sep)}`;
    case 'national_compact':
      return `${plan.trunk}${phone.nsn}`;
    case 'national':
      // Brazilians bracket the area code; everyone else writes the trunk prefix then the groups.
      if (phone.country === 'BR') return `(${phone.nsn.slice(0, 2)}) ${phone.nsn.slice(2, 7)}-${phone.nsn.slice(7)}`;
      return `${plan.trunk}${grouped(plan, phone.nsn, plan.sep)}`;
  }
}

/** Mostly international forms; the country code is missing about a third of the time. */
export function randomPhoneStyle(rng: Rng): PhoneStyle {
  const r = rng.next();
  return r < 0.45 ? 'international' : r < 0.65 ? 'e164' : r < 0.9 ? 'national' : 'national_compact';
}
