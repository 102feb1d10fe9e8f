import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../vocabulary.ts';
import {
  CASE_TRANSITIONS,
  isActiveCase,
  nextCaseStatuses,
  transitionCase,
  type CaseTransitionContext,
} from './status.ts';

/** A context that satisfies every guard, so only the table decides. */
const permissive: CaseTransitionContext = {
  actorRole: 'admin',
  reason: 'documented',
  screeningRecorded: true,
  travelDocumentReady: true,
};

/** The expected table, written out independently of the implementation's. */
const EXPECTED: Record<CaseStatus, CaseStatus[]> = {
  open: ['assessed', 'closed', 'lost_contact'],
  assessed: ['assisting', 'awaiting_documents', 'closed', 'lost_contact'],
  assisting: ['awaiting_documents', 'awaiting_travel', 'closed', 'lost_contact'],
  awaiting_documents: ['awaiting_travel', 'assisting', 'closed', 'lost_contact'],
  awaiting_travel: ['repatriated', 'awaiting_documents', 'assisting', 'closed', 'lost_contact'],
  repatriated: ['closed', 'lost_contact'],
  lost_contact: ['assisting', 'closed'],
  closed: ['open'],
};

describe('case status machine: every pair', () => {
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const allowed = EXPECTED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const result = transitionCase(from, to, permissive);
        expect(result.ok).toBe(allowed);
        if (!result.ok) expect(result.reason).toMatch(from === to ? /already/ : /cannot go/);
      });
    }
  }
  it('the table has no duplicate edges and matches nextCaseStatuses', () => {
    const keys = CASE_TRANSITIONS.map((r) => `${r.from}>${r.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of CASE_STATUSES) expect(new Set(nextCaseStatuses(s))).toEqual(new Set(EXPECTED[s]));
  });
  it('every status is reachable from open', () => {
    const seen = new Set<CaseStatus>(['open']);
    const queue: CaseStatus[] = ['open'];
    while (queue.length)
      for (const n of nextCaseStatuses(queue.shift()!))
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    expect(seen.size).toBe(CASE_STATUSES.length);
  });
});

describe('case transition guards', () => {
  const base: CaseTransitionContext = { actorRole: 'caseworker' };
  it('assessment needs a recorded screening', () => {
    expect(transitionCase('open', 'assessed', base)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/screening/),
    });
    expect(transitionCase('open', 'assessed', { ...base, screeningRecorded: true })).toEqual({ ok: true });
  });
  it('closing from any state needs a non-blank reason', () => {
    for (const from of CASE_STATUSES.filter((s) => EXPECTED[s].includes('closed'))) {
      expect(transitionCase(from, 'closed', base).ok).toBe(false);
      expect(transitionCase(from, 'closed', { ...base, reason: '   ' }).ok).toBe(false);
      expect(transitionCase(from, 'closed', { ...base, reason: 'returned home safely' })).toEqual({ ok: true });
    }
  });
  it('reopening a closed case is admin-only and needs a reason', () => {
    for (const role of ['caseworker', 'consular_officer', 'medic', 'analyst', 'viewer'] as const) {
      expect(transitionCase('closed', 'open', { actorRole: role, reason: 'new information' })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/admin/),
      });
    }
    expect(transitionCase('closed', 'open', { actorRole: 'admin' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reason/),
    });
    expect(transitionCase('closed', 'open', { actorRole: 'admin', reason: 'survivor came back' })).toEqual({
      ok: true,
    });
  });
  it('a travel queue needs a travel document', () => {
    for (const from of ['assisting', 'awaiting_documents'] as const) {
      expect(transitionCase(from, 'awaiting_travel', base).ok).toBe(false);
      expect(transitionCase(from, 'awaiting_travel', { ...base, travelDocumentReady: false }).ok).toBe(false);
      expect(transitionCase(from, 'awaiting_travel', { ...base, travelDocumentReady: true })).toEqual({ ok: true });
    }
  });
  it('going back needs no special guard (document rejected, contact regained)', () => {
    expect(transitionCase('awaiting_travel', 'awaiting_documents', base)).toEqual({ ok: true });
    expect(transitionCase('lost_contact', 'assisting', base)).toEqual({ ok: true });
  });
  it('the refusal names the allowed next statuses', () => {
    const r = transitionCase('open', 'repatriated', permissive);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('assessed');
  });
  it('active statuses are the in-progress ones', () => {
    expect(CASE_STATUSES.filter(isActiveCase)).toEqual([
      'open',
      'assessed',
      'assisting',
      'awaiting_documents',
      'awaiting_travel',
    ]);
  });
});
