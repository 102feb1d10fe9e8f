/**
 * Cross-organisation link requests under blind matching (core/matching/blind.ts). The system raises
 * one on the seeker's behalf when it proposes a pair to the holder; only the holder (the request's
 * target) accepts, declines or revokes it — the seeker may not know the pair exists. Accepting links
 * the pair (status confirmed): the seeker then sees only what the holder's survivor's consent covers
 * (present.ts); declining rejects it; revoking an accepted link marks the pair undone. Nothing is
 * ever deleted or merged.
 */
import type { LinkRequestDecision, ProposalView } from '../../contracts/matching.ts';
import { findLinkRequest, setLinkRequestState } from '../../db/repositories/matching/link-requests.repository.ts';
import { findProposal, setProposalStatus } from '../../db/repositories/matching/proposals.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise } from '../casework/access.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { getProposal } from './proposals.service.ts';

export async function decideLinkRequest(
  app: AppContext,
  actor: RequestActor,
  linkRequestId: string,
  input: LinkRequestDecision,
): Promise<ProposalView> {
  authorise(actor, 'update', 'match');
  const proposalId = await asActor(app.database, actor, async (trx) => {
    const link = await findLinkRequest(trx, linkRequestId, true);
    // The seeker is answered as if the request did not exist (it may only see an accepted one that consent opened).
    if (!link || link.targetOrganisationId !== actor.organisationId) throw notFound('link request');
    const p = await findProposal(trx, link.proposalId, true);
    if (!p) throw notFound('link request');
    const at = app.now().toISOString();
    if (input.state === 'accepted' || input.state === 'declined') {
      if (link.state !== 'requested') throw conflict(`the link request is already ${link.state}`);
    } else if (link.state !== 'accepted') {
      throw conflict(
        link.state === 'requested'
          ? 'a pending link request is declined, not revoked'
          : `the link request is already ${link.state}`,
      );
    }
    await setLinkRequestState(trx, link.id, input.state, input.reason || null, actor.userId, at);
    // Accepting is the person's confirmation of the link; declining is their rejection; revoking an accepted link
    // undoes it.
    if (input.state === 'accepted') await setProposalStatus(trx, p.id, 'confirmed', actor.userId, at);
    if (input.state === 'declined') await setProposalStatus(trx, p.id, 'rejected', actor.userId, at);
    if (input.state === 'revoked' && p.status === 'confirmed')
      await setProposalStatus(trx, p.id, 'undone', actor.userId, at);
    await audit(trx, app, actor, `match.link_${input.state}`, 'link_request', link.id, {
      proposalId: p.id,
      from: link.state,
      to: input.state,
    });
    return p.id;
  });
  return getProposal(app, actor, proposalId);
}
