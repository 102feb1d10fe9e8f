import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_STATUSES } from '../vocabulary.ts';
import {
  describeIssue,
  readyToFly,
  repatriationProgress,
  validateBulkStep,
  validateFlight,
  validateGroupFlightUpdate,
  type RepatriationPlan,
} from './consular.ts';

const NOW = '2026-03-10T05:00:00Z';
const flight = { date: '2026-03-14', flightNumber: 'QZ 273' };
const plan = (over: Partial<RepatriationPlan> & { caseId: string }): RepatriationPlan => ({
  caseStatus: 'awaiting_travel',
  passportHeld: false,
  emergencyDocument: { status: 'issued', number: 'ETD-1' },
  exitClearance: 'paid',
  ...over,
});

describe('repatriationProgress', () => {
  it('walks the steps in order', () => {
    const p = plan({ caseId: 'a', emergencyDocument: { status: 'requested' }, exitClearance: 'pending' });
    expect(repatriationProgress(p)).toMatchObject({ nextStep: 'travel_document', readyToFly: false });
    expect(repatriationProgress({ ...p, emergencyDocument: { status: 'issued' } }).nextStep).toBe('exit_clearance');
    expect(
      repatriationProgress({ ...p, emergencyDocument: { status: 'issued' }, exitClearance: 'waived' }).nextStep,
    ).toBe('flight_booked');
    const booked = {
      ...p,
      emergencyDocument: { status: 'issued' as const },
      exitClearance: 'not_needed' as const,
      flight,
    };
    expect(repatriationProgress(booked)).toMatchObject({ nextStep: 'repatriated', readyToFly: true });
    expect(repatriationProgress({ ...booked, repatriatedAt: '2026-03-14T12:00:00Z' }).nextStep).toBeNull();
  });
  it('an own passport counts as the travel document', () => {
    expect(
      repatriationProgress(plan({ caseId: 'a', passportHeld: true, emergencyDocument: { status: 'not_requested' } }))
        .steps[0],
    ).toMatchObject({ done: true, detail: 'own passport held' });
  });
});

describe('validateFlight', () => {
  it('accepts IATA and ICAO numbers, with or without a space', () => {
    for (const n of ['QZ 273', 'VN920', 'AK1234A', 'SIA 123', 'qz273'])
      expect(validateFlight({ date: '2026-03-14', flightNumber: n }, NOW)).toEqual([]);
  });
  it('refuses malformed numbers, bad dates and past dates; today is fine', () => {
    expect(validateFlight({ date: '2026-03-14', flightNumber: 'flight 9' }, NOW)).toHaveLength(1);
    expect(validateFlight({ date: '2026-02-30', flightNumber: 'QZ1' }, NOW)[0]?.code).toBe('flight_date_invalid');
    expect(validateFlight({ date: '14/03/2026', flightNumber: 'QZ1' }, NOW)[0]?.code).toBe('flight_date_invalid');
    expect(validateFlight({ date: '2026-03-09', flightNumber: 'QZ1' }, NOW)[0]).toEqual({
      code: 'flight_date_past',
      params: { date: '2026-03-09' },
    });
    expect(validateFlight({ date: '2026-03-10', flightNumber: 'QZ1' }, NOW)).toEqual([]);
  });
});

describe('validateGroupFlightUpdate', () => {
  it('all eligible: ok, with per-member warnings', () => {
    const r = validateGroupFlightUpdate(
      [
        plan({ caseId: 'a' }),
        plan({
          caseId: 'b',
          caseStatus: 'awaiting_documents',
          passportHeld: true,
          emergencyDocument: { status: 'not_requested' },
          exitClearance: 'pending',
        }),
        plan({ caseId: 'c', flight: { date: '2026-03-12', flightNumber: 'VN 920' } }),
      ],
      flight,
      NOW,
    );
    expect(r.ok).toBe(true);
    expect(r.members.map((m) => m.ok)).toEqual([true, true, true]);
    expect(r.members[1]!.warnings[0]?.code).toBe('exit_clearance_pending');
    expect(r.members[2]!.warnings[0]).toEqual({
      code: 'replaces_booking',
      params: { flightNumber: 'VN 920', date: '2026-03-12' },
    });
    expect(describeIssue(r.members[2]!.warnings[0]!)).toMatch(/replaces the booking VN 920/);
  });
  it('one ineligible member fails the whole group and says why', () => {
    const r = validateGroupFlightUpdate(
      [
        plan({ caseId: 'a' }),
        plan({ caseId: 'b', caseStatus: 'awaiting_documents', emergencyDocument: { status: 'requested' } }),
        plan({ caseId: 'c', caseStatus: 'assisting' }),
        plan({ caseId: 'a' }),
      ],
      flight,
      NOW,
    );
    expect(r.ok).toBe(false);
    expect(r.members.map((m) => m.ok)).toEqual([true, false, false, false]);
    expect(r.members[1]!.errors[0]?.code).toBe('no_travel_document');
    expect(r.members[2]!.errors[0]).toEqual({ code: 'case_not_bookable', params: { status: 'assisting' } });
    expect(r.members[3]!.errors[0]?.code).toBe('listed_twice');
  });
  it('a bad flight or an empty group fails even when members are fine', () => {
    expect(
      validateGroupFlightUpdate([plan({ caseId: 'a' })], { date: '2026-01-01', flightNumber: 'QZ1' }, NOW),
    ).toMatchObject({ ok: false, members: [{ ok: true }] });
    expect(validateGroupFlightUpdate([], flight, NOW)).toMatchObject({
      ok: false,
      flightErrors: [{ code: 'group_empty' }],
    });
  });
  it('property: a member is ok iff awaiting_travel, or awaiting_documents with a document', () => {
    const planArb = fc.record({
      caseId: fc.uuid(),
      caseStatus: fc.constantFrom(...CASE_STATUSES),
      passportHeld: fc.boolean(),
      emergencyDocument: fc.record({
        status: fc.constantFrom('not_requested' as const, 'requested' as const, 'issued' as const, 'rejected' as const),
      }),
      exitClearance: fc.constantFrom('not_needed' as const, 'pending' as const, 'paid' as const, 'waived' as const),
    });
    fc.assert(
      fc.property(fc.uniqueArray(planArb, { selector: (p) => p.caseId, minLength: 1, maxLength: 8 }), (plans) => {
        const r = validateGroupFlightUpdate(plans, flight, NOW);
        plans.forEach((p, i) => {
          const doc = p.passportHeld || p.emergencyDocument.status === 'issued';
          expect(r.members[i]!.ok).toBe(
            p.caseStatus === 'awaiting_travel' || (p.caseStatus === 'awaiting_documents' && doc),
          );
        });
        expect(r.ok).toBe(r.members.every((m) => m.ok));
      }),
    );
  });
});

const fullPlanArb = fc.record({
  caseId: fc.uuid(),
  caseStatus: fc.constantFrom(...CASE_STATUSES),
  passportHeld: fc.boolean(),
  emergencyDocument: fc.record({
    status: fc.constantFrom('not_requested' as const, 'requested' as const, 'issued' as const, 'rejected' as const),
  }),
  exitClearance: fc.constantFrom('not_needed' as const, 'pending' as const, 'paid' as const, 'waived' as const),
  flight: fc.option(fc.constant(flight), { nil: null }),
  repatriatedAt: fc.option(fc.constant('2026-03-01T00:00:00Z'), { nil: null }),
});

describe('ready to fly: one rule for the card and the group booking', () => {
  it('a repatriated person and an open case are never ready, whatever their documents and flight', () => {
    const everythingDone = plan({ caseId: 'a', flight, exitClearance: 'paid', passportHeld: true });
    expect(readyToFly(everythingDone)).toBe(true);
    expect(readyToFly({ ...everythingDone, caseStatus: 'repatriated' })).toBe(false);
    expect(readyToFly({ ...everythingDone, repatriatedAt: '2026-03-09T00:00:00Z' })).toBe(false);
    expect(readyToFly({ ...everythingDone, caseStatus: 'open' })).toBe(false);
    expect(repatriationProgress({ ...everythingDone, caseStatus: 'open' }).readyToFly).toBe(false);
  });
  it('property: whoever the card shows ready, the group booking on their flight accepts without refusal', () => {
    fc.assert(
      fc.property(fullPlanArb, (p) => {
        const booking = validateGroupFlightUpdate([p], flight, NOW);
        if (readyToFly(p)) expect(booking.members[0]!.ok).toBe(true);
        if (!booking.members[0]!.ok) expect(repatriationProgress(p).readyToFly).toBe(false);
        expect(readyToFly(p)).toBe(
          booking.members[0]!.ok &&
            (p.passportHeld || p.emergencyDocument.status === 'issued') &&
            p.exitClearance !== 'pending' &&
            p.flight !== null,
        );
      }),
    );
  });
});

describe('validateBulkStep', () => {
  it('refuses finished cases and a waived clearance, naming each member, and passes only when all pass', () => {
    const r = validateBulkStep(
      [
        plan({ caseId: 'a', caseStatus: 'assisting' }),
        plan({ caseId: 'b', caseStatus: 'lost_contact' }),
        plan({ caseId: 'c', repatriatedAt: '2026-03-01T00:00:00Z', caseStatus: 'repatriated' }),
        plan({ caseId: 'd', exitClearance: 'waived' }),
      ],
      'exit_clearance_paid',
    );
    expect(r.ok).toBe(false);
    expect(r.members.map((m) => m.errors.map((e) => e.code))).toEqual([
      [],
      ['case_finished'],
      ['already_repatriated'],
      ['clearance_waived'],
    ]);
    expect(validateBulkStep([plan({ caseId: 'd', exitClearance: 'waived' })], 'travel_document_issued').ok).toBe(true);
    expect(validateBulkStep([], 'travel_document_issued').ok).toBe(false);
  });
});
