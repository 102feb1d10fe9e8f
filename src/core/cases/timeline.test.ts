import { describe, expect, it } from 'vitest';
import { riskChangeEntry, sortTimeline, statusChangeEntry, timelineEntry } from './timeline.ts';

const actor = { userId: 'u1', organisationId: 'o1' };

describe('case timeline', () => {
  it('normalises instants to ISO and writes a readable summary', () => {
    const e = statusChangeEntry('awaiting_travel', 'awaiting_documents', '2026-03-01T10:00:00+07:00', actor, 'ETD rejected');
    expect(e).toEqual({ kind: 'status_changed', at: '2026-03-01T03:00:00.000Z', actor, summary: 'Status changed from awaiting travel to awaiting documents — ETD rejected' });
    expect(riskChangeEntry('low', 'high', new Date('2026-03-01T00:00:00Z'), actor, 'missed check-in').summary).toBe('Risk changed from low to high (missed check-in)');
  });
  it('rejects an invalid instant', () => {
    expect(() => timelineEntry('note', 'not a date', actor, 'x')).toThrow(RangeError);
  });
  it('sorts newest first, stable on ties', () => {
    const a = timelineEntry('note', '2026-01-01T00:00:00Z', actor, 'a');
    const b = timelineEntry('note', '2026-01-02T00:00:00Z', actor, 'b');
    const c = timelineEntry('note', '2026-01-01T00:00:00Z', actor, 'c');
    expect(sortTimeline([a, b, c]).map((e) => e.summary)).toEqual(['b', 'a', 'c']);
  });
});
