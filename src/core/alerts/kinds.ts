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
