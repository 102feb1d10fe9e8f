import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_casework.ts';
import * as m0003 from './0003_monitoring.ts';
import * as m0004 from './0004_matching.ts';
import * as m0005 from './0005_audit_transparency_log.ts';

/** Every migration in order. Append only; never edit or reorder a landed entry. */
export const migrations: readonly { name: string; sql: string }[] = [
  { name: '0001_foundation', sql: m0001.sql },
  { name: '0002_casework', sql: m0002.sql },
  { name: '0003_monitoring', sql: m0003.sql },
  { name: '0004_matching', sql: m0004.sql },
  { name: '0005_audit_transparency_log', sql: m0005.sql },
];
