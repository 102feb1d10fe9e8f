/**
 * Population mix and phone numbering plans for synthetic survivor registrations
 * (names come from src/core/names/pools.ts).
 */
/** Share of each nationality in a population (roughly the mix of recent mass exits). */
export const NATIONALITY_MIX: readonly (readonly [string, number])[] = [
  ['CN', 15],
  ['VN', 12],
  ['ID', 12],
  ['TH', 6],
  ['MM', 6],
  ['PH', 10],
  ['IN', 10],
  ['BD', 5],
  ['KE', 6],
  ['NG', 6],
  ['UG', 5],
  ['BR', 7],
];

/** Calling code, national significant number pattern (digits; 'x' random) and whether written with a trunk 0. */
export const PHONE_PLANS: Record<string, { cc: string; pattern: string[]; trunk0: boolean }> = {
  CN: { cc: '86', pattern: ['138xxxxxxxx', '139xxxxxxxx', '150xxxxxxxx', '186xxxxxxxx'], trunk0: false },
  VN: { cc: '84', pattern: ['90xxxxxxx', '91xxxxxxx', '98xxxxxxx', '37xxxxxxx'], trunk0: true },
  ID: { cc: '62', pattern: ['812xxxxxxxx', '813xxxxxxxx', '857xxxxxxxx'], trunk0: true },
  TH: { cc: '66', pattern: ['81xxxxxxx', '89xxxxxxx', '91xxxxxxx'], trunk0: true },
  MM: { cc: '95', pattern: ['9250xxxxxx', '9420xxxxxx', '9790xxxxxx'], trunk0: true },
  PH: { cc: '63', pattern: ['917xxxxxxx', '927xxxxxxx', '995xxxxxxx'], trunk0: true },
  IN: { cc: '91', pattern: ['98xxxxxxxx', '97xxxxxxxx', '88xxxxxxxx'], trunk0: false },
  BD: { cc: '880', pattern: ['17xxxxxxxx', '18xxxxxxxx', '19xxxxxxxx'], trunk0: true },
  KE: { cc: '254', pattern: ['712xxxxxx', '722xxxxxx', '733xxxxxx'], trunk0: true },
  NG: { cc: '234', pattern: ['803xxxxxxx', '806xxxxxxx', '813xxxxxxx'], trunk0: true },
  UG: { cc: '256', pattern: ['772xxxxxx', '701xxxxxx', '756xxxxxx'], trunk0: true },
  BR: { cc: '55', pattern: ['119xxxxxxxx', '219xxxxxxxx', '319xxxxxxxx'], trunk0: false },
};
