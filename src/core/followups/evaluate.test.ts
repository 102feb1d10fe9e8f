import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RISK_LEVELS, ALERT_KINDS } from '../vocabulary.ts';
import {
  evaluateFollowUps,
  FOLLOW_UP_MESSAGE_KEYS,
  FOLLOW_UP_OUTCOMES,
  type FollowUp,
  type FollowUpCaseContext,
} from './evaluate.ts';

const ctx: FollowUpCaseContext = {
  caseId: 'c1',
  ownerOrganisationId: 'ngo-1',
  status: 'awaiting_documents',
  currentRisk: 'low',
};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h)).toISOString();
const reached = (id: string, d: number): FollowUp => ({
  id,
  dueAt: day(d),
  completedAt: day(d, 2),
  outcome: 'reached',
});
const pending = (id: string, d: number): FollowUp => ({ id, dueAt: day(d) });
const kinds = (r: { alerts: { kind: string }[] }) => r.alerts.map((a) => a.kind);

describe('evaluateFollowUps', () => {
  it('all reached: nothing to raise; next due from the last contact at the current risk', () => {
    const r = evaluateFollowUps([reached('a', 1), reached('b', 10)], day(12), ctx);
    expect(r).toMatchObject({
      missedFollowUpIds: [],
      consecutiveMisses: 0,
      suggestedRisk: 'low',
      riskRaised: false,
      suggestedStatus: null,
      alerts: [],
    });
    expect(r.lastContactAt).toBe(day(10, 2));
    expect(r.nextDueAt).toBe(new Date(Date.parse(day(10, 2)) + 30 * 86_400_000).toISOString());
    expect(r.overdue).toBe(false);
  });

  it('a check-in within the grace period is not yet missed; after it, it is', () => {
    const f = [reached('a', 1), pending('b', 5)];
    expect(evaluateFollowUps(f, day(5, 23), ctx).consecutiveMisses).toBe(0);
    const r = evaluateFollowUps(f, day(6, 1), ctx);
    expect(r.missedFollowUpIds).toEqual(['b']);
    expect(r.suggestedRisk).toBe('medium');
    expect(r.riskRaised).toBe(true);
    expect(kinds(r)).toEqual(['missed_follow_up']);
    expect(r.alerts[0]).toMatchObject({
      severity: 'warning',
      caseId: 'c1',
      recipientOrganisationId: 'ngo-1',
      dedupeKey: 'missed_follow_up:c1:b',
    });
    expect(r.suggestedStatus).toBeNull();
  });

  it('two misses in a row: lost_contact suggestion and a re-trafficking alert for the case owner', () => {
    const r = evaluateFollowUps(
      [reached('a', 1), { id: 'b', dueAt: day(5), completedAt: day(5), outcome: 'no_answer' }, pending('c', 8)],
      day(10),
      ctx,
    );
    expect(r.consecutiveMisses).toBe(2);
    expect(r.suggestedRisk).toBe('high');
    expect(r.suggestedStatus).toBe('lost_contact');
    expect(kinds(r)).toEqual(['missed_follow_up', 'missed_follow_up', 're_trafficking_risk']);
    const rt = r.alerts.find((a) => a.kind === 're_trafficking_risk')!;
    expect(rt).toMatchObject({ severity: 'urgent', recipientOrganisationId: 'ngo-1' });
    expect(rt.reasons.join(' ')).toMatch(/2 check-ins missed/);
  });

  it('a successful contact resets the count', () => {
    const r = evaluateFollowUps([pending('a', 1), pending('b', 3), reached('c', 5), pending('d', 8)], day(12), ctx);
    expect(r.missedFollowUpIds).toEqual(['d']);
    expect(r.suggestedStatus).toBeNull();
  });

  it('an explicit loss of contact is enough on its own', () => {
    const r = evaluateFollowUps(
      [reached('a', 1), { id: 'b', dueAt: day(5), completedAt: day(5), outcome: 'lost_contact' }],
      day(6),
      ctx,
    );
    expect(r.consecutiveMisses).toBe(0);
    expect(r.suggestedStatus).toBe('lost_contact');
    expect(r.suggestedRisk).toBe('high');
    expect(kinds(r)).toEqual(['re_trafficking_risk']);
  });

  it('does not suggest lost_contact again for a lost or closed case', () => {
    const f = [pending('a', 1), pending('b', 3)];
    expect(evaluateFollowUps(f, day(10), { ...ctx, status: 'lost_contact' }).suggestedStatus).toBeNull();
    expect(evaluateFollowUps(f, day(10), { ...ctx, status: 'closed' }).suggestedStatus).toBeNull();
    expect(evaluateFollowUps(f, day(10), { ...ctx, status: 'repatriated' }).suggestedStatus).toBe('lost_contact');
  });

  it('seen in a compound (check-in or sighting): urgent alert and critical risk', () => {
    const viaCheckIn = evaluateFollowUps(
      [reached('a', 1), { id: 'b', dueAt: day(4), completedAt: day(4), outcome: 'seen_in_compound' }],
      day(5),
      ctx,
    );
    expect(viaCheckIn.suggestedRisk).toBe('critical');
    expect(viaCheckIn.alerts[0]).toMatchObject({ kind: 'seen_in_compound', severity: 'urgent' });
    const viaSighting = evaluateFollowUps([reached('a', 1)], day(5), {
      ...ctx,
      sightings: [{ at: day(3), compoundId: 'kk-park', source: 'hotline' }],
    });
    expect(viaSighting.suggestedRisk).toBe('critical');
    expect(viaSighting.alerts[0]!.reasons.join(' ')).toMatch(/compound kk-park on 2026-03-03 \(reported by hotline\)/);
    // The same words as keys and values, for the reader's language.
    expect(viaSighting.alerts[0]).toMatchObject({
      titleMessage: { key: 'followups.title.seen_in_compound', params: {} },
      reasonMessages: [
        {
          key: 'followups.alert.seen_in_named_compound',
          params: { day: '2026-03-03', source: 'hotline', compoundId: 'kk-park' },
        },
        { key: 'followups.alert.risk_critical', params: {} },
      ],
    });
    expect(viaSighting.reasonMessages).toContainEqual({
      key: 'followups.reason.suggested_risk',
      params: { risk: 'critical', currentRisk: 'low' },
    });
    // A sighting before the survivor was last reached is old news.
    expect(
      evaluateFollowUps([reached('a', 4)], day(5), { ...ctx, sightings: [{ at: day(3), source: 'hotline' }] }).alerts,
    ).toEqual([]);
    // With critical risk, missed check-ins are urgent too.
    const both = evaluateFollowUps([reached('a', 1), pending('b', 2)], day(5), {
      ...ctx,
      sightings: [{ at: day(4), source: 'x' }],
    });
    expect(both.alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['seen_in_compound', 'urgent'],
      ['missed_follow_up', 'urgent'],
    ]);
  });

  it('is idempotent when the caller saves the suggested risk and passes the risk at last contact', () => {
    const f = [reached('a', 1), pending('b', 5)];
    const first = evaluateFollowUps(f, day(7), { ...ctx, currentRisk: 'low', riskAtLastContact: 'low' });
    const again = evaluateFollowUps(f, day(7), { ...ctx, currentRisk: first.suggestedRisk, riskAtLastContact: 'low' });
    expect(again.suggestedRisk).toBe(first.suggestedRisk);
    expect(again.riskRaised).toBe(false);
    expect(again.alerts.map((a) => a.dedupeKey)).toEqual(first.alerts.map((a) => a.dedupeKey));
  });

  it('property: never lowers risk, one level per miss, alert kinds from the vocabulary', () => {
    const fuArb = fc
      .record({
        id: fc.uuid(),
        dueAt: fc.integer({ min: 1, max: 28 }).map((d) => day(d)),
        outcome: fc.option(fc.constantFrom(...FOLLOW_UP_OUTCOMES), { nil: undefined }),
      })
      .map((f): FollowUp => (f.outcome ? { ...f, completedAt: f.dueAt } : { id: f.id, dueAt: f.dueAt }));
    fc.assert(
      fc.property(
        fc.array(fuArb, { maxLength: 10 }),
        fc.constantFrom(...RISK_LEVELS),
        fc.integer({ min: 1, max: 31 }),
        (fus, risk, nowDay) => {
          const r = evaluateFollowUps(fus, day(nowDay), { ...ctx, currentRisk: risk });
          expect(RISK_LEVELS.indexOf(r.suggestedRisk)).toBeGreaterThanOrEqual(RISK_LEVELS.indexOf(risk));
          expect(RISK_LEVELS.indexOf(r.suggestedRisk)).toBeGreaterThanOrEqual(
            Math.min(3, RISK_LEVELS.indexOf(risk) + r.consecutiveMisses),
          );
          for (const a of r.alerts) expect(ALERT_KINDS).toContain(a.kind);
          expect(r.alerts.filter((a) => a.kind === 'missed_follow_up')).toHaveLength(r.consecutiveMisses);
          if (r.consecutiveMisses >= 2) expect(r.suggestedStatus).toBe('lost_contact');
        },
      ),
    );
  });
});

describe('follow-up messages', () => {
  it('every alert and evaluation reason has a message, one for one, with a known key', () => {
    const r = evaluateFollowUps([pending('a', 1), pending('b', 3), pending('c', 5)], day(9), ctx);
    expect(kinds(r)).toContain('re_trafficking_risk');
    const lost = r.alerts.find((a) => a.kind === 're_trafficking_risk')!;
    expect(lost.reasonMessages).toHaveLength(lost.reasons.length);
    expect(lost.reasonMessages[0]).toEqual({ key: 'followups.alert.missed_since_opened', params: { count: 3 } });
    expect(r.reasonMessages).toHaveLength(r.reasons.length);
    expect(r.reasonMessages[0]).toEqual({ key: 'followups.reason.missed', params: { count: 3, baseRisk: 'low' } });
    const keys = [...r.alerts.flatMap((a) => [a.titleMessage, ...a.reasonMessages]), ...r.reasonMessages].map(
      (m) => m.key,
    );
    expect(keys.filter((k) => !(FOLLOW_UP_MESSAGE_KEYS as readonly string[]).includes(k))).toEqual([]);
  });
});
