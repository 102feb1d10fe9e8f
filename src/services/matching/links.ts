/**
 * Cross-organisation link requests. Either organisation of a pair may ask; only the other one
 * accepts or declines; either may revoke. Accepting links the pair (status confirmed) — fields are
 * then shared only where the survivor's consent covers the viewer (see present.ts). Revoking an
 * accepted link marks the pair undone; nothing is ever deleted or merged.
 */
import type { LinkRequestCreate, LinkRequestDecision, ProposalView } from '../../contracts/matching.ts';
import { findLinkRequest, insertLinkRequest, latestLinkRequests, setLinkRequestState } from '../../db/repositories/matching/link-requests.ts';
import { findProposal, setProposalStatus } from '../../db/repositories/matching/proposals.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.ts';
import { authorise } from '../casework/access.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { getProposal } from './proposals.ts';

export async function requestLink(app: AppContext, actor: RequestActor, proposalId: string, input: LinkRequestCreate): Promise<ProposalView> {
  authorise(actor, 'update', 'match');
  await asActor(app.database, actor, async (trx) => {
    const p = await findProposal(trx, proposalId, true);
    if (!p) throw notFound('proposal');
    if (p.organisationA === p.organisationB) throw conflict('a match within your organisation is confirmed directly, without a link request');
    if (p.status === 'rejected') throw conflict('this match was rejected');
    const current = (await latestLinkRequests(trx, [p.id])).get(p.id);
    if (current && (current.state === 'requested' || current.state === 'accepted')) throw conflict(`a link request is already ${current.state}`);
    const target = p.organisationA === actor.organisationId ? p.organisationB : p.organisationA;
    const id = app.newId();
    await insertLinkRequest(trx, {
      id, proposalId: p.id, requestingOrganisationId: actor.organisationId, targetOrganisationId: target, reason: input.reason || null,
      requestedBy: actor.userId, requestedAt: app.now().toISOString(),
    });
    await audit(trx, app, actor, 'match.link_request', 'link_request', id, { proposalId: p.id, target });
  });
  return getProposal(app, actor, proposalId);
}

export async function decideLinkRequest(app: AppContext, actor: RequestActor, linkRequestId: string, input: LinkRequestDecision): Promise<ProposalView> {
  authorise(actor, 'update', 'match');
  const proposalId = await asActor(app.database, actor, async (trx) => {
    const link = await findLinkRequest(trx, linkRequestId, true);
    if (!link) throw notFound('link request');
    const p = await findProposal(trx, link.proposalId, true);
    if (!p) throw notFound('link request');
    const at = app.now().toISOString();
    const isTarget = link.targetOrganisationId === actor.organisationId;
    if (input.state === 'accepted' || input.state === 'declined') {
      if (!isTarget) throw forbidden('only the organisation asked may accept or decline a link request');
      if (link.state !== 'requested') throw conflict(`the link request is already ${link.state}`);
    } else if (link.state !== 'requested' && link.state !== 'accepted') {
      throw conflict(`the link request is already ${link.state}`);
    }
    await setLinkRequestState(trx, link.id, input.state, input.reason || null, actor.userId, at);
    // Accepting is the person's confirmation of the link; revoking an accepted link undoes it.
    if (input.state === 'accepted') await setProposalStatus(trx, p.id, 'confirmed', actor.userId, at);
    if (input.state === 'revoked' && link.state === 'accepted' && p.status === 'confirmed') await setProposalStatus(trx, p.id, 'undone', actor.userId, at);
    await audit(trx, app, actor, `match.link_${input.state}`, 'link_request', link.id, { proposalId: p.id, from: link.state, to: input.state });
    return p.id;
  });
  return getProposal(app, actor, proposalId);
}
