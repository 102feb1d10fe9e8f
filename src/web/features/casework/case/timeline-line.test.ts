import { describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, timelineEvents } from '../../../../core/cases/timeline.ts';
import en from '../i18n/en.json' with { type: 'json' };
import { timelineLine } from './TimelinePanel.tsx';

// A minimal t over en.json: nested keys and {{name}} interpolation, as react-i18next does.
const t = ((key: string, values: Record<string, unknown> = {}) => {
  const found = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], en);
  const text = typeof found === 'string' ? found : String(values.defaultValue ?? key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}) as unknown as Parameters<typeof timelineLine>[0];
const v = (family: string, value: string) =>
  (en.vocab as Record<string, Record<string, string>>)[family]?.[value] ?? value;
const entry = (
  kind: (typeof TIMELINE_KINDS)[number],
  params: Record<string, unknown>,
  organisationNames: Record<string, string> = {},
) => ({
  id: 'e',
  kind,
  at: '2026-01-01T00:00:00Z',
  actorUserId: null,
  organisationId: null,
  params: params as never,
  organisationNames,
  summary: '',
  detail: null,
});

describe('timeline lines from kind + params', () => {
  it('names an organisation only from organisationNames (the server fills it where the view allows)', () => {
    const p = timelineEvents.referralSent('org-1', false).params;
    expect(timelineLine(t, v, entry('referral_sent', p))).toBe('Referred to another organisation');
    expect(timelineLine(t, v, entry('referral_sent', p, { 'org-1': 'Harbour House' }))).toBe(
      'Referred to Harbour House',
    );
  });
  it('translates parameters and renders every kind, also without params', () => {
    expect(
      timelineLine(t, v, entry('status_changed', timelineEvents.statusChanged('open', 'lost_contact').params)),
    ).toMatch(/^Status changed from .+ to .+$/);
    expect(
      timelineLine(
        t,
        v,
        entry(
          'consular_step',
          timelineEvents.consularStep({ flightNumber: 'QZ 1', flightDate: '2026-03-01', groupSize: 3 }).params,
        ),
      ),
    ).toContain('QZ 1');
    for (const kind of TIMELINE_KINDS) expect(timelineLine(t, v, entry(kind, {})).length).toBeGreaterThan(0);
  });
});
