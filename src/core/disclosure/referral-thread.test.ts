import { describe, expect, it } from 'vitest';
import { REFERRAL_STATES } from '../vocabulary.ts';
import { mayPost } from '../referrals/exchange.ts';
import { discloseReferralThread, type ThreadEntryFacts } from './referral-thread.ts';

const opened: string[] = [];
const entry = (id: string, authorSide: 'sender' | 'receiver'): ThreadEntryFacts<string> => ({
  id,
  kind: authorSide === 'sender' ? 'request' : 'reply',
  authorSide,
  authorUserId: `user-${authorSide}`,
  at: '2026-03-01T00:00:00Z',
  body: () => {
    opened.push(id);
    return `body ${id}`;
  },
});
const thread = [entry('s1', 'sender'), entry('r1', 'receiver')];

describe('discloseReferralThread', () => {
  it('the sender reads everything, in every state; the other side is never named by user', () => {
    for (const state of REFERRAL_STATES)
      for (const frozen of [false, true]) {
        const shown = discloseReferralThread('sender', { state, frozen }, thread);
        expect(shown.map((e) => e.id)).toEqual(['s1', 'r1']);
        expect(shown.map((e) => e.authorUserId)).toEqual(['user-sender', null]);
      }
  });
  it('the receiver reads the sender’s words only while it sees the person; its own always; nothing else is opened', () => {
    for (const state of REFERRAL_STATES)
      for (const frozen of [false, true]) {
        opened.length = 0;
        const shown = discloseReferralThread('receiver', { state, frozen }, thread).map((e) => e.id);
        const live = !frozen && ['sent', 'accepted', 'completed'].includes(state);
        expect(shown).toEqual(live ? ['s1', 'r1'] : ['r1']);
        expect(opened).toEqual(shown);
      }
  });
});

describe('mayPost', () => {
  const live = { state: 'accepted' as const, frozen: false };
  it('care is recorded by the receiver once accepted; replies by either side on a live referral', () => {
    expect(mayPost('receiver', 'care_record', live, { careGiven: 'wound dressed' }).ok).toBe(true);
    expect(mayPost('sender', 'care_record', live, { careGiven: 'x' }).ok).toBe(false);
    expect(mayPost('receiver', 'care_record', { state: 'sent', frozen: false }, { outcome: 'care_given' }).ok).toBe(
      false,
    );
    expect(mayPost('receiver', 'care_record', live, {}).ok).toBe(false);
    expect(mayPost('sender', 'reply', live, { text: 'thank you' }).ok).toBe(true);
    expect(mayPost('sender', 'reply', live, { text: '  ' }).ok).toBe(false);
    expect(mayPost('receiver', 'reply', { state: 'accepted', frozen: true }, { text: 'hi' }).ok).toBe(false);
    expect(mayPost('receiver', 'reply', { state: 'revoked', frozen: false }, { text: 'hi' }).ok).toBe(false);
    expect(mayPost(undefined, 'reply', live, { text: 'hi' }).ok).toBe(false);
    expect(mayPost('sender', 'request', live, { text: 'hi' }).ok).toBe(false);
  });
});
