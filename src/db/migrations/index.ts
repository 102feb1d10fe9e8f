import * as m0001 from './0001_foundation.ts';

/** Every migration in order. Append only; never edit or reorder a landed entry. */
export const migrations: readonly { name: string; sql: string }[] = [
  { name: '0001_foundation', sql: m0001.sql },
];
