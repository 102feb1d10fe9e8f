import { TRIAGE_SORT_KEYS } from '../../core/triage/urgency.ts';

/**
 * core/triage's effective-priority sort key as SQL (over priority, age_band, risk_level), used to
 * keep needs.effective_priority current when a case's risk changes. Taken from core so the SQL
 * and the in-memory comparator cannot drift apart.
 */
export const EFFECTIVE_PRIORITY_SQL: string = TRIAGE_SORT_KEYS.find((k) => k.name === 'effective_priority')!.sql;
