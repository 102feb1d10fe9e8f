import { describe, expect, it } from 'vitest';
import { describeTimelineEntry, sortTimeline, timelineEntry, timelineEvents, TIMELINE_KINDS } from './timeline.ts';

const actor = { userId: 'u1', organisationId: 'o1' };

describe('case timeline', () => {
  it('keeps the reason apart from the structured fact', () => {
    const e = timelineEntry(
      timelineEvents.statusChanged('awaiting_travel', 'awaiting_documents', ' ETD rejected '),
      '2026-03-01T10:00:00+07:00',
      actor,
    );
    expect(e).toEqual({
      kind: 'status_changed',
      params: { from: 'awaiting_travel', to: 'awaiting_documents' },
      detail: 'ETD rejected',
      at: '2026-03-01T03:00:00.000Z',
      actor,
    });
    expect(describeTimelineEntry(e.kind, e.params)).toBe('Status changed from awaiting travel to awaiting documents');
    expect(describeTimelineEntry('risk_changed', timelineEvents.riskChanged('low', 'high', 'follow_up').params)).toBe(
      'Risk changed from low to high (follow up)',
    );
  });
  it('names an organisation only when the caller resolves it', () => {
    const p = timelineEvents.referralSent('org-1', false).params;
    expect(describeTimelineEntry('referral_sent', p)).toBe('Referred to another organisation');
    expect(describeTimelineEntry('referral_sent', p, (id) => (id === 'org-1' ? 'Harbour House' : null))).toBe(
      'Referred to Harbour House',
    );
  });
  it('renders every kind without params (entries written before timelines were structured)', () => {
    for (const kind of TIMELINE_KINDS) expect(describeTimelineEntry(kind, {})).toMatch(/^[A-Z]/);
  });
  it('rejects an invalid instant', () => {
    expect(() => timelineEntry(timelineEvents.note(), 'not a date', actor)).toThrow(RangeError);
  });
  it('sorts newest first, stable on ties', () => {
    const a = { at: '2026-01-01T00:00:00Z', n: 'a' };
    const b = { at: '2026-01-02T00:00:00Z', n: 'b' };
    const c = { at: '2026-01-01T00:00:00Z', n: 'c' };
    expect(sortTimeline([a, b, c]).map((e) => e.n)).toEqual(['b', 'a', 'c']);
  });
});
