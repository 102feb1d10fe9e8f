import { describe, expect, it } from 'vitest';
import type { EventKind } from '../vocabulary.ts';
import type { CompoundEvent, Confidence } from './compound-types.ts';
import {
  massExitAlerts,
  possibleRelocationAlerts,
  possibleTheatreRaidAlerts,
  raidWithoutRescuesAlerts,
  runAlertRules,
  type CompoundWithEvents,
} from './alert-rules.ts';

let seq = 0;
function ev(
  kind: EventKind,
  date: string,
  extra: Partial<CompoundEvent> & { confidence?: Confidence } = {},
): CompoundEvent {
  return { id: `e${++seq}`, compoundId: 'c1', kind, date, confidence: 'high', evidenceIds: [`ev-${seq}`], ...extra };
}
function compound(id: string, lon: number, lat: number, events: CompoundEvent[]): CompoundWithEvents {
  return {
    compound: { id, names: [`Compound ${id}`], point: { type: 'Point', coordinates: [lon, lat] }, footprint: null },
    events,
  };
}

describe('massExitAlerts', () => {
  it('fires once per day of mass exit, with the largest reported count and all evidence', () => {
    const a = ev('mass_exit', '2025-10-20', { counts: { peopleLeaving: 1440 } });
    const b = ev('mass_exit', '2025-10-20', { counts: { peopleLeaving: 900 }, confidence: 'medium' });
    const alerts = massExitAlerts(compound('kk', 103.5, 10.6, [a, b, ev('operating', '2025-10-01')]));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      key: 'mass_exit:kk:2025-10-20',
      kind: 'mass_exit',
      severity: 'critical',
      date: '2025-10-20',
    });
    expect(alerts[0]!.title).toContain('1,440');
    expect(alerts[0]!.titleMessage).toMatchObject({
      key: 'compounds.alert.mass_exit_people',
      params: { day: '2025-10-20', count: 1440 },
    });
    expect(alerts[0]!.eventIds).toEqual([a.id, b.id].sort());
    expect(alerts[0]!.evidenceIds).toEqual([...a.evidenceIds, ...b.evidenceIds].sort());
  });

  it('ranks a small or weakly sourced exit lower, and does not fire without a mass exit', () => {
    const small = massExitAlerts(
      compound('x', 103.5, 10.6, [ev('mass_exit', '2025-10-20', { counts: { peopleLeaving: 40 } })]),
    )[0];
    const weak = massExitAlerts(compound('x', 103.5, 10.6, [ev('mass_exit', '2025-10-20', { confidence: 'low' })]))[0]!;
    expect(small!.severity).toBe('high');
    expect(weak.severity).toBe('medium');
    expect(weak.rank).toBeLessThan(small!.rank);
    expect(
      massExitAlerts(compound('x', 103.5, 10.6, [ev('raid', '2025-10-20'), ev('operating', '2025-10-21')])),
    ).toEqual([]);
  });
});

describe('raidWithoutRescuesAlerts', () => {
  it('fires for a raid with nothing recorded', () => {
    const raid = ev('raid', '2025-07-16');
    const alerts = raidWithoutRescuesAlerts(compound('c1', 104, 11, [raid]));
    expect(alerts.map((a) => a.key)).toEqual(['raid_without_rescues:c1:2025-07-16']);
    expect(alerts[0]!.eventIds).toEqual([raid.id]);
  });

  it.each([
    ['rescues on the raid itself', [ev('raid', '2025-07-16', { counts: { rescues: 12 } })]],
    ['arrests on the raid itself', [ev('raid', '2025-07-16', { counts: { arrests: 3 } })]],
    ['a rescue event two days later', [ev('raid', '2025-07-16'), ev('rescue', '2025-07-18')]],
    ['an arrest event the day before', [ev('raid', '2025-07-16'), ev('arrest', '2025-07-15')]],
  ])('does not fire with %s', (_label, events) => {
    expect(raidWithoutRescuesAlerts(compound('c1', 104, 11, events))).toEqual([]);
  });

  it('still fires when the only rescue is outside the follow-up window', () => {
    const events = [ev('raid', '2025-07-16'), ev('rescue', '2025-07-30')];
    expect(raidWithoutRescuesAlerts(compound('c1', 104, 11, events))).toHaveLength(1);
    expect(raidWithoutRescuesAlerts(compound('c1', 104, 11, events), { raidFollowUpDays: 20 })).toHaveLength(0);
  });
});

describe('possibleTheatreRaidAlerts', () => {
  it('fires for activity within 60 days after a raid, naming the raid and the activity', () => {
    const raid = ev('raid', '2025-07-16');
    const video = ev('operating', '2025-08-20');
    const build = ev('construction', '2025-09-01');
    const alerts = possibleTheatreRaidAlerts(
      compound('c1', 104, 11, [ev('operating', '2025-06-01'), raid, video, build, ev('operating', '2025-12-01')]),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ key: 'possible_theatre_raid:c1:2025-07-16', severity: 'high' });
    expect(alerts[0]!.eventIds).toEqual([raid.id, video.id, build.id].sort());
    expect(alerts[0]!.title).toContain('35 days after');
    expect(alerts[0]!.titleMessage).toMatchObject({
      key: 'compounds.alert.possible_theatre_raid',
      params: { days: 35, day: '2025-07-16', count: 2 },
    });
  });

  it('does not fire for activity only before the raid or after the window', () => {
    const events = [ev('operating', '2025-06-01'), ev('raid', '2025-07-16'), ev('operating', '2025-09-15')];
    expect(possibleTheatreRaidAlerts(compound('c1', 104, 11, events))).toEqual([]);
    expect(possibleTheatreRaidAlerts(compound('c1', 104, 11, events), { theatreWindowDays: 70 })).toHaveLength(1);
  });

  it('rates only weak reports of activity as medium', () => {
    const alerts = possibleTheatreRaidAlerts(
      compound('c1', 104, 11, [ev('raid', '2025-07-16'), ev('operating', '2025-07-20', { confidence: 0.2 })]),
    );
    expect(alerts[0]!.severity).toBe('medium');
  });
});

describe('possibleRelocationAlerts', () => {
  const emptied = compound('old', 103.5, 10.6, [ev('mass_exit', '2025-03-01', { statesEmptied: true })]);

  it('fires for a new compound within the radius soon after', () => {
    // ≈ 5.5 km north, first reported 40 days later.
    const fresh = compound('new', 103.5, 10.65, [ev('operating', '2025-04-10'), ev('operating', '2025-05-01')]);
    const alerts = possibleRelocationAlerts(emptied, [emptied, fresh]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      key: 'possible_relocation:old:new',
      relatedCompoundIds: ['new'],
      date: '2025-04-10',
    });
    expect(alerts[0]!.title).toMatch(/40 days after .* was emptied, 5\.\d km away/);
    expect(alerts[0]!.titleMessage).toMatchObject({
      key: 'compounds.alert.possible_relocation',
      params: { days: 40, compoundStatus: 'emptied', km: expect.stringMatching(/^5\.\d$/) },
    });
    expect(alerts[0]!.eventIds).toContain(emptied.events[0]!.id);
  });

  it.each([
    ['too far', compound('far', 104.9, 11.55, [ev('operating', '2025-04-10')])],
    ['too late', compound('late', 103.5, 10.65, [ev('operating', '2025-09-10')])],
    [
      'already known before',
      compound('known', 103.5, 10.65, [ev('operating', '2024-12-01'), ev('operating', '2025-04-10')]),
    ],
    ['no events', compound('quiet', 103.5, 10.65, [])],
  ])('does not fire for a compound %s', (_label, other) => {
    expect(possibleRelocationAlerts(emptied, [other])).toEqual([]);
  });

  it('does not fire when the subject was never vacated, or the move is already recorded', () => {
    const fresh = compound('new', 103.5, 10.65, [ev('operating', '2025-04-10')]);
    expect(possibleRelocationAlerts(compound('old', 103.5, 10.6, [ev('operating', '2025-03-01')]), [fresh])).toEqual(
      [],
    );
    const moved = compound('old', 103.5, 10.6, [ev('relocation', '2025-03-01', { relocatedToCompoundId: 'new' })]);
    expect(possibleRelocationAlerts(moved, [fresh])).toEqual([]);
  });

  it('uses the inferred emptied status after a quiet mass exit, and raids when configured', () => {
    const quiet = compound('old', 103.5, 10.6, [ev('mass_exit', '2025-03-01')]);
    const fresh = compound('new', 103.5, 10.65, [ev('operating', '2025-05-01')]);
    expect(possibleRelocationAlerts(quiet, [fresh])).toHaveLength(1);
    const raided = compound('old', 103.5, 10.6, [ev('raid', '2025-03-01')]);
    expect(possibleRelocationAlerts(raided, [fresh])).toEqual([]);
    expect(possibleRelocationAlerts(raided, [fresh], { vacatedStatuses: ['raided'] })).toHaveLength(1);
  });
});

describe('runAlertRules', () => {
  it('is deterministic and re-running does not duplicate alerts', () => {
    const subject = compound('c1', 103.5, 10.6, [
      ev('operating', '2025-01-01'),
      ev('raid', '2025-07-16'),
      ev('raid', '2025-07-16'),
      ev('operating', '2025-08-01'),
      ev('mass_exit', '2025-10-20', { counts: { peopleLeaving: 1000 } }),
    ]);
    const first = runAlertRules(subject);
    const again = runAlertRules(subject);
    expect(again).toEqual(first);
    expect(new Set(first.map((a) => a.key)).size).toBe(first.length);
    expect(first.map((a) => a.kind)).toEqual(['mass_exit', 'possible_theatre_raid', 'raid_without_rescues']);
    for (let i = 1; i < first.length; i++) expect(first[i - 1]!.rank).toBeGreaterThanOrEqual(first[i]!.rank);
    // A further report of the same raid joins the existing alert's key.
    const more = runAlertRules({ ...subject, events: [...subject.events, ev('raid', '2025-07-16')] });
    expect(more.map((a) => a.key)).toEqual(first.map((a) => a.key));
  });
});
