/**
 * Derives a compound's status timeline from its events. The rules, in order of application:
 *
 * 1. Each event has an *effect*: operating, construction and abuse show ACTIVITY (people are held
 *    there); reactivation is an explicit REACTIVATION; raid → RAID; mass_exit → MASS_EXIT;
 *    relocation → RELOCATION; any event flagged `statesEmptied` → EMPTIED (an explicit statement).
 *    Rescue, arrest and death change nothing by themselves (single rescues happen while a compound
 *    keeps operating); they are attached to the current entry as support when it is a raid.
 * 2. Events are taken day by day (a date range counts from its first day: the earliest the event
 *    may have happened). On one day, events with the same effect strengthen each other
 *    (noisy-OR: 1 − Π(1 − cᵢ)); conflicting effects are resolved by that combined confidence,
 *    ties by severity (emptied > raid > mass exit > relocation > reactivation > activity).
 * 3. A winner below `minConfidence` does not flip the status alone: it waits, and flips it only
 *    when further same-effect reports within `corroborationWindowDays` lift the combined
 *    confidence over the threshold (from the first report's day when no other change came between).
 * 4. Activity while raided, mass_exit, emptied or relocated → reactivated; otherwise → operating.
 * 5. A mass exit followed by `quietDaysToEmptied` days with no activity report of any confidence
 *    → emptied on that day (silence is weaker than a statement: confidence × 0.8). Silence is only
 *    known up to `asOf`; without it, up to the last event.
 * A status that does not change adds the events to the current entry instead of a new entry.
 */
import type { CompoundStatus, EventKind } from '../vocabulary.ts';
import type { CompoundEvent, Confidence } from './compound-types.ts';
import { addDays, daysBetween, toDay } from './calendar-days.ts';
import { message, type Message } from '../message.ts';

export interface TimelineEntry {
  /** First day of this status (YYYY-MM-DD). */
  from: string;
  status: CompoundStatus;
  confidence: number;
  eventIds: string[];
  reason: string;
  /**
   * The reason's parts as keys and values (web namespace `server`), shown joined by "; ". Absent on timelines
   * stored before reasons had messages (compounds.timeline); those show `reason`.
   */
  reasonMessages?: Message[];
}

/** The keys status reasons use (namespace `server`). */
export const COMPOUND_REASON_MESSAGE_KEYS = [
  'compounds.reason.activity',
  'compounds.reason.reactivation',
  'compounds.reason.raid',
  'compounds.reason.mass_exit',
  'compounds.reason.emptied',
  'compounds.reason.relocation',
  'compounds.reason.activity_after',
  'compounds.reason.quiet_after_mass_exit',
  'compounds.reason.corroborated',
  'compounds.reason.outweighs',
] as const;

export interface TimelineOptions {
  quietDaysToEmptied?: number;
  minConfidence?: number;
  corroborationWindowDays?: number;
  /** The day the timeline is derived for; silence after the last event is counted up to here. */
  asOf?: string;
}

export const DEFAULT_TIMELINE_OPTIONS = {
  quietDaysToEmptied: 30,
  minConfidence: 0.5,
  corroborationWindowDays: 14,
} as const;

export const CONFIDENCE_OF_WORD = { low: 0.3, medium: 0.6, high: 0.9 } as const;

export function confidenceValue(c: Confidence): number {
  if (typeof c === 'number') return Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
  return CONFIDENCE_OF_WORD[c] ?? 0;
}

export type EventEffect = 'activity' | 'reactivation' | 'raid' | 'mass_exit' | 'emptied' | 'relocation' | 'none';

const EFFECT_OF_KIND: Readonly<Record<EventKind, EventEffect>> = {
  operating: 'activity',
  construction: 'activity',
  abuse: 'activity',
  reactivation: 'reactivation',
  raid: 'raid',
  mass_exit: 'mass_exit',
  relocation: 'relocation',
  rescue: 'none',
  arrest: 'none',
  death: 'none',
};

export function effectOf(event: Pick<CompoundEvent, 'kind' | 'statesEmptied'>): EventEffect {
  const effect = EFFECT_OF_KIND[event.kind];
  // A statement that the site is empty outweighs the kind, but never turns activity into emptiness.
  if (event.statesEmptied && effect !== 'activity' && effect !== 'reactivation') return 'emptied';
  return effect;
}

/** Signs that people are (again) held at the site. */
export function isActivityEffect(effect: EventEffect): boolean {
  return effect === 'activity' || effect === 'reactivation';
}

const PRECEDENCE: readonly EventEffect[] = ['emptied', 'raid', 'mass_exit', 'relocation', 'reactivation', 'activity'];
const DISRUPTED: ReadonlySet<CompoundStatus> = new Set<CompoundStatus>(['raided', 'mass_exit', 'emptied', 'relocated']);

const noisyOr = (cs: readonly number[]) => 1 - cs.reduce((p, c) => p * (1 - c), 1);
const round2 = (x: number) => Math.round(x * 100) / 100;

function nextStatus(current: CompoundStatus, effect: Exclude<EventEffect, 'none'>): CompoundStatus {
  switch (effect) {
    case 'activity':
      return DISRUPTED.has(current) || current === 'reactivated' ? 'reactivated' : 'operating';
    case 'reactivation':
      return 'reactivated';
    case 'raid':
      return 'raided';
    case 'mass_exit':
      return 'mass_exit';
    case 'emptied':
      return 'emptied';
    case 'relocation':
      return 'relocated';
  }
}

const DESCRIBE: Readonly<Record<Exclude<EventEffect, 'none'>, string>> = {
  activity: 'activity reported',
  reactivation: 'reactivation reported',
  raid: 'raid reported',
  mass_exit: 'mass exit reported',
  emptied: 'stated to be empty',
  relocation: 'relocation reported',
};

interface Normalised {
  id: string;
  day: string;
  effect: EventEffect;
  confidence: number;
}

interface Pending {
  firstDay: string;
  lastDay: string;
  confidences: number[];
  ids: string[];
}

export function deriveTimeline(events: readonly CompoundEvent[], options: TimelineOptions = {}): TimelineEntry[] {
  const { quietDaysToEmptied, minConfidence, corroborationWindowDays } = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  // Events without a valid date cannot be placed; contracts validate dates before they get here.
  const normalised: Normalised[] = [];
  for (const e of events) {
    const day = toDay(e.date);
    if (day) normalised.push({ id: e.id, day, effect: effectOf(e), confidence: confidenceValue(e.confidence) });
  }
  normalised.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const timeline: TimelineEntry[] = [];
  const pending = new Map<EventEffect, Pending>();
  let lastActivityDay: string | null = null;
  const current = (): TimelineEntry | undefined => timeline[timeline.length - 1];
  const status = (): CompoundStatus => current()?.status ?? 'unknown';

  /** Inserts "emptied" when a mass exit has been followed by enough quiet days before `day`. */
  const applySilence = (day: string, inclusive: boolean) => {
    const entry = current();
    if (!entry || entry.status !== 'mass_exit') return;
    const quietSince = lastActivityDay && lastActivityDay > entry.from ? lastActivityDay : entry.from;
    const emptyDay = addDays(quietSince, quietDaysToEmptied);
    if (emptyDay < day || (inclusive && emptyDay === day)) {
      timeline.push({
        from: emptyDay,
        status: 'emptied',
        confidence: round2(entry.confidence * 0.8),
        eventIds: [...entry.eventIds],
        reason: `no activity reported for ${quietDaysToEmptied} days after the mass exit`,
        reasonMessages: [message('compounds.reason.quiet_after_mass_exit', { count: quietDaysToEmptied })],
      });
    }
  };

  const change = (
    from: string,
    effect: Exclude<EventEffect, 'none'>,
    confidence: number,
    ids: string[],
    note: string,
    noteMessages: Message[],
  ) => {
    const before = status();
    const next = nextStatus(before, effect);
    const entry = current();
    if (entry && entry.status === next) {
      for (const id of ids) if (!entry.eventIds.includes(id)) entry.eventIds.push(id);
      return;
    }
    const why =
      next === 'reactivated' && effect === 'activity' ? `activity after ${before.replace('_', ' ')}` : DESCRIBE[effect];
    const whyMessage =
      next === 'reactivated' && effect === 'activity'
        ? message('compounds.reason.activity_after', { afterStatus: before })
        : message(`compounds.reason.${effect}`);
    timeline.push({
      from,
      status: next,
      confidence: round2(confidence),
      eventIds: ids,
      reason: `${why}${note}`,
      reasonMessages: [whyMessage, ...noteMessages],
    });
  };

  // normalised is sorted by day, so each day's events are one run and the map keeps day order.
  const byDay = new Map<string, Normalised[]>();
  for (const e of normalised) {
    const todays = byDay.get(e.day);
    if (todays) todays.push(e);
    else byDay.set(e.day, [e]);
  }
  for (const [day, todays] of byDay) {
    applySilence(day, false);

    for (const e of todays) if (isActivityEffect(e.effect)) lastActivityDay = day;
    const byEffect = new Map<EventEffect, Normalised[]>();
    for (const e of todays) if (e.effect !== 'none') byEffect.set(e.effect, [...(byEffect.get(e.effect) ?? []), e]);
    const ranked = [...byEffect.entries()]
      .map(([effect, es]) => ({
        effect: effect as Exclude<EventEffect, 'none'>,
        confidence: noisyOr(es.map((e) => e.confidence)),
        ids: es.map((e) => e.id),
      }))
      .sort((a, b) => b.confidence - a.confidence || PRECEDENCE.indexOf(a.effect) - PRECEDENCE.indexOf(b.effect));

    const supporting = todays.filter((e) => e.effect === 'none').map((e) => e.id);
    const entry = current();
    if (supporting.length > 0 && entry && entry.status === 'raided' && ranked.length === 0) {
      entry.eventIds.push(...supporting.filter((id) => !entry.eventIds.includes(id)));
    }
    const [winner, ...losers] = ranked;
    if (!winner) continue;
    const note = losers.length
      ? `; outweighs ${losers.map((l) => `${DESCRIBE[l.effect]} (${round2(l.confidence)})`).join(', ')} on the same day`
      : '';
    const noteMessages = losers.map((l) =>
      message('compounds.reason.outweighs', { effect: l.effect, confidence: round2(l.confidence) }),
    );
    const ids = [...winner.ids, ...(winner.effect === 'raid' ? supporting : [])];

    if (winner.confidence >= minConfidence) {
      pending.delete(winner.effect);
      change(day, winner.effect, winner.confidence, ids, note, noteMessages);
      continue;
    }
    // Low confidence: hold it, and flip only once reports within the window add up.
    const held = pending.get(winner.effect);
    const fresh =
      held && daysBetween(held.firstDay, day) <= corroborationWindowDays
        ? held
        : { firstDay: day, lastDay: day, confidences: [], ids: [] };
    fresh.lastDay = day;
    fresh.confidences.push(winner.confidence);
    fresh.ids.push(...ids);
    pending.set(winner.effect, fresh);
    const combined = noisyOr(fresh.confidences);
    if (combined >= minConfidence) {
      pending.delete(winner.effect);
      const lastFrom = current()?.from;
      const from = lastFrom === undefined || fresh.firstDay > lastFrom ? fresh.firstDay : day;
      change(
        from,
        winner.effect,
        combined,
        fresh.ids,
        `; ${fresh.ids.length} low-confidence reports corroborate each other${note}`,
        [message('compounds.reason.corroborated', { count: fresh.ids.length }), ...noteMessages],
      );
    }
  }

  const lastEventDay = normalised.at(-1)?.day ?? null;
  const until = (options.asOf && toDay(options.asOf)) || lastEventDay;
  if (until) applySilence(until, true);
  return timeline;
}

/** The entry in force on `day`, or null before the first one. */
export function entryAt(timeline: readonly TimelineEntry[], day: string): TimelineEntry | null {
  const d = toDay(day) ?? day;
  let found: TimelineEntry | null = null;
  for (const entry of timeline) {
    if (entry.from <= d) found = entry;
    else break;
  }
  return found;
}

/** Status on `day` for the map's time slider; 'unknown' before anything was reported. */
export function statusAt(timeline: readonly TimelineEntry[], day: string): CompoundStatus {
  return entryAt(timeline, day)?.status ?? 'unknown';
}
