import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_casework.ts';
import * as m0003 from './0003_monitoring.ts';
import * as m0004 from './0004_matching.ts';
import * as m0005 from './0005_audit_transparency_log.ts';
import * as m0006 from './0006_database_trust.ts';
import * as m0007 from './0007_blind_matching.ts';
import * as m0008 from './0008_deployment_and_auth.ts';
import * as m0009 from './0009_disclosure.ts';
import * as m0010 from './0010_monitoring_sharing.ts';
import * as m0011 from './0011_alert_rank.ts';
import * as m0012 from './0012_public_releases.ts';
import * as m0013 from './0013_exit_day_care.ts';
import * as m0014 from './0014_casework_monitoring_links.ts';
import * as m0015 from './0015_idempotency_keys.ts';
import * as m0015b from './0015b_help_requests.ts';
import * as m0016 from './0016_articles.ts';
import * as m0017 from './0017_referral_exchange.ts';
import * as m0018 from './0018_row_versions.ts';
import * as m0019 from './0019_networks.ts';
import * as m0020 from './0020_report_schedules.ts';
import * as m0022 from './0022_networks_edits.ts';

/** Every migration in order. Append only; never edit or reorder a landed entry. */
export const migrations: readonly { name: string; sql: string }[] = [
  { name: '0001_foundation', sql: m0001.sql },
  { name: '0002_casework', sql: m0002.sql },
  { name: '0003_monitoring', sql: m0003.sql },
  { name: '0004_matching', sql: m0004.sql },
  { name: '0005_audit_transparency_log', sql: m0005.sql },
  { name: '0006_database_trust', sql: m0006.sql },
  { name: '0007_blind_matching', sql: m0007.sql },
  { name: '0008_deployment_and_auth', sql: m0008.sql },
  { name: '0009_disclosure', sql: m0009.sql },
  { name: '0010_monitoring_sharing', sql: m0010.sql },
  { name: '0011_alert_rank', sql: m0011.sql },
  { name: '0012_public_releases', sql: m0012.sql },
  { name: '0013_exit_day_care', sql: m0013.sql },
  { name: '0014_casework_monitoring_links', sql: m0014.sql },
  { name: '0015_idempotency_keys', sql: m0015.sql },
  { name: '0015b_help_requests', sql: m0015b.sql },
  { name: '0016_articles', sql: m0016.sql },
  { name: '0017_referral_exchange', sql: m0017.sql },
  { name: '0018_row_versions', sql: m0018.sql },
  { name: '0019_networks', sql: m0019.sql },
  { name: '0020_report_schedules', sql: m0020.sql },
  { name: '0022_networks_edits', sql: m0022.sql },
];
