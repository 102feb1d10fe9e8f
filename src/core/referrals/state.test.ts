import { describe, expect, it } from 'vitest';
import { REFERRAL_STATES, type ReferralState } from '../vocabulary.ts';
import { referralSide, transitionReferral, type ReferralSide } from './state.ts';

/** Expected edges, written independently: [from, to, who, needs reason]. */
const EDGES: [ReferralState, ReferralState, ReferralSide, boolean][] = [
  ['sent', 'accepted', 'receiver', false],
  ['sent', 'declined', 'receiver', true],
  ['sent', 'revoked', 'sender', true],
  ['accepted', 'completed', 'receiver', false],
  ['accepted', 'revoked', 'sender', true],
];
const SIDES: (ReferralSide | undefined)[] = ['sender', 'receiver', undefined];

describe('referral transitions: every state pair × every side', () => {
  for (const from of REFERRAL_STATES) {
    for (const to of REFERRAL_STATES) {
      const edge = EDGES.find(([f, t]) => f === from && t === to);
      for (const side of SIDES) {
        const allowed = edge !== undefined && edge[2] === side;
        const outcome = allowed ? 'allowed (with reason if needed)' : 'refused';
        it(`${from} → ${to} by ${side ?? 'a third party'}: ${outcome}`, () => {
          expect(transitionReferral(from, to, side, 'because').ok).toBe(allowed);
          if (edge && allowed) expect(transitionReferral(from, to, side, '  ').ok).toBe(!edge[3]);
        });
      }
    }
  }
  it('refusals explain themselves', () => {
    expect(transitionReferral('completed', 'revoked', 'sender', 'x')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/final/),
    });
    expect(transitionReferral('sent', 'accepted', 'sender')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/receiving organisation/),
    });
    expect(transitionReferral('sent', 'revoked', 'receiver', 'x')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/sending organisation/),
    });
    expect(transitionReferral('sent', 'declined', 'receiver')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/needs a reason/),
    });
    expect(transitionReferral('sent', 'completed', 'receiver')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/cannot go/),
    });
    expect(transitionReferral('sent', 'accepted', undefined)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/only the sending or receiving/),
    });
  });
  it('referralSide finds the side of an organisation', () => {
    const parties = { fromOrganisationId: 'ngo', toOrganisationId: 'clinic' };
    expect(referralSide(parties, 'ngo')).toBe('sender');
    expect(referralSide(parties, 'clinic')).toBe('receiver');
    expect(referralSide(parties, 'embassy')).toBeUndefined();
  });
});
