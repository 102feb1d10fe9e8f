import type { AlertKind } from '../vocabulary.ts';

/** The kinds monitoring's compound rules raise (core/compounds/alert-rules.ts): shared alerts about a compound. */
export const MONITORING_ALERT_KINDS = [
  'mass_exit',
  'raid_without_rescues',
  'possible_theatre_raid',
  'possible_relocation',
] as const satisfies readonly AlertKind[];
export type MonitoringAlertKind = (typeof MONITORING_ALERT_KINDS)[number];

export const isMonitoringAlertKind = (kind: AlertKind): kind is MonitoringAlertKind =>
  (MONITORING_ALERT_KINDS as readonly AlertKind[]).includes(kind);

/** The kinds networks raises: only seats that may read entities list them (core/permissions `read entity`). */
export const NETWORK_ALERT_KINDS = ['sanctions_hit'] as const satisfies readonly AlertKind[];
export type NetworkAlertKind = (typeof NETWORK_ALERT_KINDS)[number];
