/**
 * Monitoring alerts: things a person should look at, derived from a compound's events (and its
 * neighbours). Each rule is a pure function; every alert carries a deterministic key so that
 * re-running the rules updates an existing alert (more evidence behind it) instead of adding a
 * duplicate. Keys name the compound and the day of the triggering event, not event ids, so a
 * second report of the same raid joins the same alert.
 */
import type { AlertKind, RiskLevel } from '../vocabulary.ts';
import { haversineMeters, representativePoint } from '../geo/distance.ts';
import type { Compound, CompoundEvent } from './compound-types.ts';
import { alertRank, SEVERITY_OF_RISK } from '../alerts/rank.ts';
import { addDays, daysBetween, toDay } from './calendar-days.ts';
import { message, type Message } from '../message.ts';
import { confidenceValue, deriveTimeline, effectOf, isActivityEffect, type TimelineOptions } from './timeline.ts';

export interface MonitoringAlert {
  key: string;
  kind: AlertKind;
  severity: RiskLevel;
  /** Higher first (core/alerts/rank.ts): severity, then the confidence of what triggered it. */
  rank: number;
  title: string;
  /** The title as a key and values (web namespace `server`); compound names are values, as written. */
  titleMessage: Message;
  compoundId: string;
  relatedCompoundIds: string[];
  /** Day of the triggering event (YYYY-MM-DD). */
  date: string;
  eventIds: string[];
  evidenceIds: string[];
}

export interface CompoundWithEvents {
  compound: Pick<Compound, 'id' | 'names' | 'point' | 'footprint'>;
  events: readonly CompoundEvent[];
}

export interface AlertRuleOptions {
  /** Activity this many days after a raid suggests the raid was for show. Default 60. */
  theatreWindowDays: number;
  /** Rescues/arrests reported this many days either side of a raid count as the raid's. Default 3. */
  raidFollowUpDays: number;
  /** A new compound this close to a vacated one may be where it moved. Default 10 km. */
  relocationRadiusKm: number;
  /** …if first reported within this many days of the vacating. Default 90. */
  relocationWindowDays: number;
  /** Statuses after which a site counts as vacated for the relocation rule. */
  vacatedStatuses: readonly ('emptied' | 'relocated' | 'raided' | 'mass_exit')[];
  /** People leaving at or above which a mass exit is critical. Default 500. */
  massExitCriticalCount: number;
  timeline: TimelineOptions;
}

export const DEFAULT_ALERT_RULE_OPTIONS: AlertRuleOptions = {
  theatreWindowDays: 60,
  raidFollowUpDays: 3,
  relocationRadiusKm: 10,
  relocationWindowDays: 90,
  vacatedStatuses: ['emptied', 'relocated'],
  massExitCriticalCount: 500,
  timeline: {},
};

const rankOf = (severity: RiskLevel, confidence: number) =>
  alertRank(SEVERITY_OF_RISK[severity], { aboutAPerson: false, confidence });
const nameOf = (c: CompoundWithEvents['compound']) => c.names[0] ?? c.id;
const unique = (xs: readonly string[]) => [...new Set(xs)].sort();
const noisyOr = (cs: readonly number[]) => 1 - cs.reduce((p, c) => p * (1 - c), 1);

interface DatedEvent {
  event: CompoundEvent;
  day: string;
}

function dated(events: readonly CompoundEvent[]): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const event of events) {
    const day = toDay(event.date);
    if (day) out.push({ event, day });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.event.id < b.event.id ? -1 : 1));
}

/** Events of one kind grouped by day: several reports of one raid are one raid. */
function byDay(events: readonly DatedEvent[], kind: CompoundEvent['kind']): Map<string, CompoundEvent[]> {
  const groups = new Map<string, CompoundEvent[]>();
  for (const { event, day } of events) if (event.kind === kind) groups.set(day, [...(groups.get(day) ?? []), event]);
  return groups;
}

/** The keys alert titles use (namespace `server`). */
export const COMPOUND_ALERT_MESSAGE_KEYS = [
  'compounds.alert.mass_exit',
  'compounds.alert.mass_exit_people',
  'compounds.alert.raid_without_rescues',
  'compounds.alert.possible_theatre_raid',
  'compounds.alert.possible_relocation',
] as const;

const formatCount = (n: number) => n.toLocaleString('en-GB');

/** A mass exit was reported: people are on the street and need help now. */
export function massExitAlerts(
  subject: CompoundWithEvents,
  options: Partial<AlertRuleOptions> = {},
): MonitoringAlert[] {
  const o = { ...DEFAULT_ALERT_RULE_OPTIONS, ...options };
  const alerts: MonitoringAlert[] = [];
  for (const [day, events] of byDay(dated(subject.events), 'mass_exit')) {
    // Sources disagree on counts; show the largest reported and let the claims view show each.
    const counts = events
      .map((e) => e.counts?.peopleLeaving)
      .filter((n): n is number => typeof n === 'number' && n > 0);
    const people = counts.length ? Math.max(...counts) : null;
    const confidence = noisyOr(events.map((e) => confidenceValue(e.confidence)));
    const severity: RiskLevel =
      people !== null && people >= o.massExitCriticalCount ? 'critical' : confidence < 0.5 ? 'medium' : 'high';
    alerts.push({
      key: `mass_exit:${subject.compound.id}:${day}`,
      kind: 'mass_exit',
      severity,
      rank: rankOf(severity, confidence),
      title:
        `Mass exit reported at ${nameOf(subject.compound)} on ` +
        `${day}${people !== null ? `: up to ${formatCount(people)} people left` : ''}`,
      titleMessage:
        people !== null
          ? message('compounds.alert.mass_exit_people', { compound: nameOf(subject.compound), day, count: people })
          : message('compounds.alert.mass_exit', { compound: nameOf(subject.compound), day }),
      compoundId: subject.compound.id,
      relatedCompoundIds: [],
      date: day,
      eventIds: unique(events.map((e) => e.id)),
      evidenceIds: unique(events.flatMap((e) => e.evidenceIds)),
    });
  }
  return alerts;
}

/** A raid with no rescues or arrests recorded, on its own counts or in rescue/arrest events close to it. */
export function raidWithoutRescuesAlerts(
  subject: CompoundWithEvents,
  options: Partial<AlertRuleOptions> = {},
): MonitoringAlert[] {
  const o = { ...DEFAULT_ALERT_RULE_OPTIONS, ...options };
  const all = dated(subject.events);
  // A rescue or arrest event, or any event (the raid report itself included) counting rescues or arrests.
  const outcomes = all.filter(
    ({ event }) =>
      event.kind === 'rescue' ||
      event.kind === 'arrest' ||
      (event.counts?.rescues ?? 0) > 0 ||
      (event.counts?.arrests ?? 0) > 0,
  );
  const alerts: MonitoringAlert[] = [];
  for (const [day, raids] of byDay(all, 'raid')) {
    const near = outcomes.some(({ day: d }) => Math.abs(daysBetween(day, d)) <= o.raidFollowUpDays);
    if (near) continue;
    const confidence = noisyOr(raids.map((e) => confidenceValue(e.confidence)));
    const severity: RiskLevel = 'medium';
    alerts.push({
      key: `raid_without_rescues:${subject.compound.id}:${day}`,
      kind: 'raid_without_rescues',
      severity,
      rank: rankOf(severity, confidence),
      title: `Raid at ${nameOf(subject.compound)} on ${day} with no rescues or arrests recorded`,
      titleMessage: message('compounds.alert.raid_without_rescues', { compound: nameOf(subject.compound), day }),
      compoundId: subject.compound.id,
      relatedCompoundIds: [],
      date: day,
      eventIds: unique(raids.map((e) => e.id)),
      evidenceIds: unique(raids.flatMap((e) => e.evidenceIds)),
    });
  }
  return alerts;
}

/** Signs of activity within the window after a raid: the raid may have been theatre. */
export function possibleTheatreRaidAlerts(
  subject: CompoundWithEvents,
  options: Partial<AlertRuleOptions> = {},
): MonitoringAlert[] {
  const o = { ...DEFAULT_ALERT_RULE_OPTIONS, ...options };
  const all = dated(subject.events);
  const activity = all.filter(({ event }) => isActivityEffect(effectOf(event)));
  const alerts: MonitoringAlert[] = [];
  for (const [day, raids] of byDay(all, 'raid')) {
    const end = addDays(day, o.theatreWindowDays);
    const after = activity.filter(({ day: d }) => d > day && d <= end).map(({ event }) => event);
    if (after.length === 0) continue;
    const confidence = noisyOr(after.map((e) => confidenceValue(e.confidence)));
    const severity: RiskLevel = confidence >= 0.5 ? 'high' : 'medium';
    const firstDay = toDay(after[0]!.date) ?? day;
    alerts.push({
      key: `possible_theatre_raid:${subject.compound.id}:${day}`,
      kind: 'possible_theatre_raid',
      severity,
      rank: rankOf(severity, confidence),
      title:
        `Activity at ${nameOf(subject.compound)} ${daysBetween(day, firstDay)} days after the raid of ${day} ` +
        `(${after.length} report${after.length === 1 ? '' : 's'})`,
      titleMessage: message('compounds.alert.possible_theatre_raid', {
        compound: nameOf(subject.compound),
        days: daysBetween(day, firstDay),
        day,
        count: after.length,
      }),
      compoundId: subject.compound.id,
      relatedCompoundIds: [],
      date: day,
      eventIds: unique([...raids, ...after].map((e) => e.id)),
      evidenceIds: unique([...raids, ...after].flatMap((e) => e.evidenceIds)),
    });
  }
  return alerts;
}

/**
 * A compound first reported near a vacated one soon after it was vacated may be where the
 * operation moved. `nearby` may be every other compound: distance is checked here.
 */
export function possibleRelocationAlerts(
  subject: CompoundWithEvents,
  nearby: readonly CompoundWithEvents[],
  options: Partial<AlertRuleOptions> = {},
): MonitoringAlert[] {
  const o = { ...DEFAULT_ALERT_RULE_OPTIONS, ...options };
  const origin = representativePoint(subject.compound.point, subject.compound.footprint);
  if (!origin) return [];
  // Silence at the subject is observable as far as reports anywhere reach (no clock in core).
  const latestReport = nearby
    .flatMap((c) => dated(c.events).map((d) => d.day))
    .reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const asOf = o.timeline.asOf ?? latestReport;
  const vacated = deriveTimeline(subject.events, { ...o.timeline, asOf }).filter((entry) =>
    (o.vacatedStatuses as readonly string[]).includes(entry.status),
  );
  if (vacated.length === 0) return [];
  // Where the subject's own events already say it moved, that is a fact, not a possibility.
  const knownDestinations = new Set(
    subject.events.map((e) => e.relocatedToCompoundId).filter((id): id is string => !!id),
  );

  const alerts: MonitoringAlert[] = [];
  for (const other of nearby) {
    if (other.compound.id === subject.compound.id || knownDestinations.has(other.compound.id)) continue;
    const otherEvents = dated(other.events);
    if (otherEvents.length === 0) continue;
    const firstReported = otherEvents[0]!.day;
    const entry = vacated.find(
      (v) => firstReported >= v.from && daysBetween(v.from, firstReported) <= o.relocationWindowDays,
    );
    if (!entry) continue;
    const point = representativePoint(other.compound.point, other.compound.footprint);
    if (!point) continue;
    const km = haversineMeters(origin[0], origin[1], point[0], point[1]) / 1000;
    if (km > o.relocationRadiusKm) continue;
    const firstEvents = otherEvents.filter(({ day }) => day === firstReported).map(({ event }) => event);
    // Closer and sooner is more suggestive.
    const closeness = 1 - km / o.relocationRadiusKm;
    const soonness = 1 - daysBetween(entry.from, firstReported) / o.relocationWindowDays;
    const confidence = entry.confidence * (0.5 + 0.25 * closeness + 0.25 * soonness);
    const severity: RiskLevel = 'medium';
    alerts.push({
      key: `possible_relocation:${subject.compound.id}:${other.compound.id}`,
      kind: 'possible_relocation',
      severity,
      rank: rankOf(severity, confidence),
      title:
        `${nameOf(other.compound)} first reported ${daysBetween(entry.from, firstReported)} days after ` +
        `${nameOf(subject.compound)} was ${entry.status.replace('_', ' ')}, ${km.toFixed(1)} km away`,
      titleMessage: message('compounds.alert.possible_relocation', {
        other: nameOf(other.compound),
        days: daysBetween(entry.from, firstReported),
        compound: nameOf(subject.compound),
        compoundStatus: entry.status,
        km: km.toFixed(1),
      }),
      compoundId: subject.compound.id,
      relatedCompoundIds: [other.compound.id],
      date: firstReported,
      eventIds: unique([...entry.eventIds, ...firstEvents.map((e) => e.id)]),
      evidenceIds: unique(
        [...subject.events.filter((e) => entry.eventIds.includes(e.id)), ...firstEvents].flatMap((e) => e.evidenceIds),
      ),
    });
  }
  return alerts;
}

/** Every rule for one compound, deduplicated by key and ordered by rank (highest first), then key. */
export function runAlertRules(
  subject: CompoundWithEvents,
  nearby: readonly CompoundWithEvents[] = [],
  options: Partial<AlertRuleOptions> = {},
): MonitoringAlert[] {
  const all = [
    ...massExitAlerts(subject, options),
    ...raidWithoutRescuesAlerts(subject, options),
    ...possibleTheatreRaidAlerts(subject, options),
    ...possibleRelocationAlerts(subject, nearby, options),
  ];
  const byKey = new Map<string, MonitoringAlert>();
  for (const alert of all) if (!byKey.has(alert.key)) byKey.set(alert.key, alert);
  return [...byKey.values()].sort((a, b) => b.rank - a.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
