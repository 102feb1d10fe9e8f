/**
 * The exchange on a referral, per side. Its entries are the one kind of free text that crosses an
 * organisation boundary, because each was written by one party for the other: never the case's
 * notes or reasons (DISCLOSURE free_text stays `never`), only the thread, only between the two
 * organisations of the referral (row-level security: referral_messages_parties), and to the
 * receiver only while the survivor's consent covers the live referral, exactly when it sees the
 * person (RECEIVER_SEES_PERSON, not frozen). Otherwise the receiver keeps only what it wrote.
 * Authors are named by organisation side, never by user: people at the other organisation are
 * not the reader's business.
 */
import type { ReferralMessageKind } from '../referrals/exchange.ts';
import type { ReferralSide } from '../referrals/state.ts';
import type { ReferralState } from '../vocabulary.ts';
import { RECEIVER_SEES_PERSON } from './views.ts';

export interface ThreadEntryFacts<B> {
  readonly id: string;
  readonly kind: ReferralMessageKind;
  readonly authorSide: ReferralSide;
  readonly authorUserId: string | null;
  readonly at: string;
  /** Opens the sealed body; called only for entries the side may read. */
  readonly body: () => B;
}

export interface DisclosedThreadEntry<B> {
  id: string;
  kind: ReferralMessageKind;
  authorSide: ReferralSide;
  /** Only on the reader's own entries. */
  authorUserId: string | null;
  at: string;
  body: B;
}

export const receiverReadsThread = (referral: { state: ReferralState; frozen: boolean }): boolean =>
  !referral.frozen && RECEIVER_SEES_PERSON.includes(referral.state);

export function discloseReferralThread<B>(
  side: ReferralSide,
  referral: { state: ReferralState; frozen: boolean },
  entries: readonly ThreadEntryFacts<B>[],
): DisclosedThreadEntry<B>[] {
  const readsAll = side === 'sender' || receiverReadsThread(referral);
  return entries
    .filter((e) => readsAll || e.authorSide === side)
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      authorSide: e.authorSide,
      authorUserId: e.authorSide === side ? e.authorUserId : null,
      at: e.at,
      body: e.body(),
    }));
}
