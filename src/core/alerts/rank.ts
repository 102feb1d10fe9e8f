/**
 * One ordering for every alert, casework and monitoring alike, kept as the integer `alerts.rank`
 * so that SQL sorts by it (ALERT_SORT_KEYS): severity first; at the same severity a person at
 * risk before a place; then the producer's confidence. Before this, each producer had its own
 * scale and every shared compound alert outranked a caseworker's urgent re-trafficking alert.
 */
import type { RiskLevel } from '../vocabulary.ts';

export const ALERT_SEVERITIES = ['info', 'low', 'medium', 'high', 'urgent'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** SQL order of `GET /api/alerts`, highest first; ties broken by the newest, then the id. */
export const ALERT_SORT_KEYS = ['rank desc', 'created_at desc', 'id desc'] as const;

const SEVERITY_BAND = 100;
const PERSON_BONUS = 50;
const CONFIDENCE_SPAN = 49;

export function alertRank(severity: AlertSeverity, options: { aboutAPerson: boolean; confidence?: number }): number {
  const confidence = Math.min(1, Math.max(0, options.confidence ?? 1));
  return (
    ALERT_SEVERITIES.indexOf(severity) * SEVERITY_BAND +
    (options.aboutAPerson ? PERSON_BONUS : 0) +
    Math.round(confidence * CONFIDENCE_SPAN)
  );
}

/** The severity band a stored rank falls in (for checks and migrations of older rows). */
export const severityOfRank = (rank: number): AlertSeverity =>
  ALERT_SEVERITIES[Math.min(ALERT_SEVERITIES.length - 1, Math.max(0, Math.floor(rank / SEVERITY_BAND)))]!;

/** Monitoring rules speak in risk levels; the alerts table in severities. */
export const SEVERITY_OF_RISK: Readonly<Record<RiskLevel, AlertSeverity>> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'urgent',
};
