import { describe, expect, it } from 'vitest';
import type { CompoundStatus, EventKind } from '../vocabulary.ts';
import type { CompoundEvent, Confidence } from './compound-types.ts';
import {
  COMPOUND_REASON_MESSAGE_KEYS,
  confidenceValue,
  deriveTimeline,
  entryAt,
  statusAt,
  type TimelineOptions,
} from './timeline.ts';

let seq = 0;
function ev(
  kind: EventKind,
  date: string,
  confidence: Confidence = 'high',
  extra: Partial<CompoundEvent> = {},
): CompoundEvent {
  return { id: extra.id ?? `e${++seq}`, compoundId: 'c1', kind, date, confidence, evidenceIds: [], ...extra };
}
type Row = [
  label: string,
  events: CompoundEvent[],
  expected: [from: string, status: CompoundStatus][],
  options?: TimelineOptions,
];

const ROWS: Row[] = [
  ['nothing reported', [], []],
  ['operating evidence', [ev('operating', '2025-01-10')], [['2025-01-10', 'operating']]],
  ['construction counts as operating', [ev('construction', '2025-01-10')], [['2025-01-10', 'operating']]],
  [
    'raid',
    [ev('operating', '2025-01-10'), ev('raid', '2025-03-01')],
    [
      ['2025-01-10', 'operating'],
      ['2025-03-01', 'raided'],
    ],
  ],
  [
    'reactivation after raid',
    [ev('operating', '2025-01-10'), ev('raid', '2025-03-01'), ev('operating', '2025-04-15')],
    [
      ['2025-01-10', 'operating'],
      ['2025-03-01', 'raided'],
      ['2025-04-15', 'reactivated'],
    ],
  ],
  [
    'construction after a raid also reactivates, and further activity keeps it reactivated',
    [ev('raid', '2025-03-01'), ev('construction', '2025-05-01'), ev('operating', '2025-06-01')],
    [
      ['2025-03-01', 'raided'],
      ['2025-05-01', 'reactivated'],
    ],
  ],
  ['explicit reactivation', [ev('reactivation', '2025-05-01')], [['2025-05-01', 'reactivated']]],
  [
    'mass exit',
    [ev('operating', '2025-01-10'), ev('mass_exit', '2025-02-01')],
    [
      ['2025-01-10', 'operating'],
      ['2025-02-01', 'mass_exit'],
    ],
  ],
  [
    'mass exit then 30 quiet days → emptied (asOf)',
    [ev('mass_exit', '2025-02-01')],
    [
      ['2025-02-01', 'mass_exit'],
      ['2025-03-03', 'emptied'],
    ],
    { asOf: '2025-06-01' },
  ],
  [
    'mass exit, not yet quiet long enough',
    [ev('mass_exit', '2025-02-01')],
    [['2025-02-01', 'mass_exit']],
    { asOf: '2025-02-20' },
  ],
  [
    'quiet period configurable',
    [ev('mass_exit', '2025-02-01')],
    [
      ['2025-02-01', 'mass_exit'],
      ['2025-02-08', 'emptied'],
    ],
    { asOf: '2025-02-08', quietDaysToEmptied: 7 },
  ],
  [
    'emptied by silence, then activity → reactivated',
    [ev('mass_exit', '2025-02-01'), ev('operating', '2025-05-01')],
    [
      ['2025-02-01', 'mass_exit'],
      ['2025-03-03', 'emptied'],
      ['2025-05-01', 'reactivated'],
    ],
  ],
  [
    'activity within the quiet period: reactivated, never emptied',
    [ev('mass_exit', '2025-02-01'), ev('operating', '2025-02-20')],
    [
      ['2025-02-01', 'mass_exit'],
      ['2025-02-20', 'reactivated'],
    ],
    { asOf: '2025-12-31' },
  ],
  [
    'a weak activity report delays emptiness without flipping the status',
    [ev('mass_exit', '2025-02-01'), ev('operating', '2025-02-20', 'low')],
    [
      ['2025-02-01', 'mass_exit'],
      ['2025-03-22', 'emptied'],
    ],
    { asOf: '2025-12-31' },
  ],
  [
    'explicit statement → emptied',
    [ev('mass_exit', '2025-02-01', 'high', { statesEmptied: true })],
    [['2025-02-01', 'emptied']],
  ],
  [
    'relocation',
    [ev('operating', '2025-01-01'), ev('relocation', '2025-02-01')],
    [
      ['2025-01-01', 'operating'],
      ['2025-02-01', 'relocated'],
    ],
  ],
  [
    'activity after relocation → reactivated',
    [ev('relocation', '2025-02-01'), ev('operating', '2025-03-01')],
    [
      ['2025-02-01', 'relocated'],
      ['2025-03-01', 'reactivated'],
    ],
  ],
  [
    'rescue or arrest alone changes nothing',
    [ev('operating', '2025-01-01'), ev('rescue', '2025-02-01'), ev('arrest', '2025-02-02')],
    [['2025-01-01', 'operating']],
  ],
  [
    'low-confidence raid alone does not flip',
    [ev('operating', '2025-01-01'), ev('raid', '2025-02-01', 0.3)],
    [['2025-01-01', 'operating']],
  ],
  [
    'two low-confidence raid reports within the window corroborate (from the first)',
    [ev('operating', '2025-01-01'), ev('raid', '2025-02-01', 'low'), ev('raid', '2025-02-05', 'low')],
    [
      ['2025-01-01', 'operating'],
      ['2025-02-01', 'raided'],
    ],
  ],
  [
    'low-confidence reports too far apart do not corroborate',
    [ev('operating', '2025-01-01'), ev('raid', '2025-02-01', 'low'), ev('raid', '2025-03-05', 'low')],
    [['2025-01-01', 'operating']],
  ],
  [
    'same-day conflict: higher confidence wins',
    [ev('operating', '2025-01-01'), ev('raid', '2025-02-01', 0.55), ev('operating', '2025-02-01', 0.9)],
    [['2025-01-01', 'operating']],
  ],
  [
    'same-day conflict: the raid wins when better supported',
    [ev('operating', '2025-01-01'), ev('raid', '2025-02-01', 0.9), ev('operating', '2025-02-01', 0.6)],
    [
      ['2025-01-01', 'operating'],
      ['2025-02-01', 'raided'],
    ],
  ],
  [
    'same-day agreeing reports add up against a stronger single conflicting one',
    [ev('raid', '2025-02-01', 0.6), ev('raid', '2025-02-01', 0.6), ev('operating', '2025-02-01', 0.8)],
    [['2025-02-01', 'raided']],
  ],
  [
    'same-day tie broken by severity',
    [ev('raid', '2025-02-01', 0.8), ev('mass_exit', '2025-02-01', 0.8)],
    [['2025-02-01', 'raided']],
  ],
  [
    'a date range counts from its first day',
    [ev('raid', '2025-02-01', 'high', { dateEnd: '2025-02-10' })],
    [['2025-02-01', 'raided']],
  ],
  ['events with invalid dates are ignored', [ev('raid', '2025-02-30'), ev('operating', 'sometime')], []],
];

describe('deriveTimeline', () => {
  it.each(ROWS)('%s', (_label, events, expected, options) => {
    const timeline = deriveTimeline(events, options);
    expect(timeline.map((t) => [t.from, t.status])).toEqual(expected);
    // Entries are ordered and every entry explains itself.
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.from >= timeline[i - 1]!.from).toBe(true);
    for (const t of timeline) expect(t.reason.length).toBeGreaterThan(5);
    // …and says it as messages too, with keys the web words.
    for (const t of timeline) {
      expect(t.reasonMessages?.length).toBeGreaterThan(0);
      for (const m of t.reasonMessages!) expect(COMPOUND_REASON_MESSAGE_KEYS).toContain(m.key);
    }
  });

  it('does not depend on the order events arrive in', () => {
    const events = [
      ev('operating', '2025-01-10'),
      ev('raid', '2025-03-01'),
      ev('operating', '2025-04-15'),
      ev('mass_exit', '2025-06-01'),
    ];
    const forward = deriveTimeline(events, { asOf: '2025-12-01' });
    expect(deriveTimeline([...events].reverse(), { asOf: '2025-12-01' })).toEqual(forward);
  });

  it('keeps provenance: event ids, confidence and the reason', () => {
    const raid = ev('raid', '2025-03-01', 0.8, { id: 'raid-1' });
    const rescue = ev('rescue', '2025-03-01', 0.9, { id: 'rescue-1' });
    const later = ev('arrest', '2025-03-02', 0.9, { id: 'arrest-1' });
    const again = ev('raid', '2025-03-03', 0.7, { id: 'raid-2' });
    const [entry] = deriveTimeline([raid, rescue, later, again]);
    expect(entry).toMatchObject({ from: '2025-03-01', status: 'raided', confidence: 0.8, reason: 'raid reported' });
    expect(entry!.eventIds.sort()).toEqual(['arrest-1', 'raid-1', 'raid-2', 'rescue-1']);
    const reactivated = deriveTimeline([raid, ev('operating', '2025-04-01', 'medium', { id: 'op-1' })])[1];
    expect(reactivated).toMatchObject({
      status: 'reactivated',
      confidence: 0.6,
      eventIds: ['op-1'],
      reason: 'activity after raided',
      reasonMessages: [{ key: 'compounds.reason.activity_after', params: { afterStatus: 'raided' } }],
    });
    const emptied = deriveTimeline([ev('mass_exit', '2025-01-01', 0.9, { id: 'mx' })], { asOf: '2025-03-01' })[1];
    expect(emptied).toMatchObject({
      status: 'emptied',
      confidence: 0.72,
      eventIds: ['mx'],
      reasonMessages: [{ key: 'compounds.reason.quiet_after_mass_exit', params: { count: 30 } }],
    });
  });

  it('maps confidence words and clamps numbers', () => {
    expect(confidenceValue('low')).toBeLessThan(confidenceValue('medium'));
    expect(confidenceValue('medium')).toBeLessThan(confidenceValue('high'));
    expect(confidenceValue(7)).toBe(1);
    expect(confidenceValue(-1)).toBe(0);
    expect(confidenceValue(Number.NaN)).toBe(0);
  });
});

describe('statusAt', () => {
  const timeline = deriveTimeline([
    ev('operating', '2025-01-10'),
    ev('raid', '2025-03-01'),
    ev('operating', '2025-04-15'),
  ]);
  it.each([
    ['2024-12-31', 'unknown'],
    ['2025-01-10', 'operating'],
    ['2025-02-28', 'operating'],
    ['2025-03-01', 'raided'],
    ['2025-04-14T23:59:00Z', 'raided'],
    ['2025-04-15', 'reactivated'],
    ['2030-01-01', 'reactivated'],
  ])('on %s → %s', (day, status) => {
    expect(statusAt(timeline, day)).toBe(status);
  });

  it('entryAt gives the entry behind the status', () => {
    expect(entryAt(timeline, '2025-03-10')?.from).toBe('2025-03-01');
    expect(entryAt([], '2025-03-10')).toBeNull();
  });
});
