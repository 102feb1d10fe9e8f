import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '../../contracts/common.ts';
import {
  CheckResult,
  DecideProposalRequest,
  JobStarted,
  LinkRequestDecision,
  ProposalList,
  ProposalListQuery,
  ProposalView,
} from '../../contracts/matching.ts';
import { decideLinkRequest } from '../../services/matching/links.service.ts';
import {
  checkSurvivorOnDemand,
  decideProposal,
  getProposal,
  listOrganisationProposals,
  startDedupe,
  survivorProposals,
} from '../../services/matching/proposals.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/**
 * Matching endpoints: possible duplicates, decisions, blind cross-organisation link requests (decided by the holder)
 * and the batch run.
 */
export const matchingRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['matching'];
    app.get(
      '/api/matching/proposals',
      {
        schema: {
          tags,
          summary: 'Possible matches involving this organisation, newest first',
          querystring: ProposalListQuery,
          response: { 200: ProposalList },
        },
      },
      async (request) => listOrganisationProposals(deps.app, requireActor(request), request.query),
    );
    app.get(
      '/api/matching/proposals/:id',
      {
        schema: {
          tags,
          summary: 'One possible match, with reasons where the viewer may see them',
          params: IdParams,
          response: { 200: ProposalView },
        },
      },
      async (request) => getProposal(deps.app, requireActor(request), request.params.id),
    );
    app.patch(
      '/api/matching/proposals/:id',
      {
        schema: {
          tags,
          summary: 'Confirm, reject or undo a possible match within this organisation',
          params: IdParams,
          body: DecideProposalRequest,
          response: { 200: ProposalView },
        },
      },
      async (request) => decideProposal(deps.app, requireActor(request), request.params.id, request.body.decision),
    );
    app.patch(
      '/api/matching/link-requests/:id',
      {
        schema: {
          tags,
          summary: 'Accept, decline or revoke a link request raised for a record of yours (the holder decides)',
          params: IdParams,
          body: LinkRequestDecision,
          response: { 200: ProposalView },
        },
      },
      async (request) => decideLinkRequest(deps.app, requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/api/matching/survivors/:id/proposals',
      {
        schema: {
          tags,
          summary: 'Possible matches of one survivor',
          params: IdParams,
          querystring: PageQuery.strict(),
          response: { 200: ProposalList },
        },
      },
      async (request) => survivorProposals(deps.app, requireActor(request), request.params.id, request.query),
    );
    app.post(
      '/api/matching/survivors/:id/check',
      {
        schema: {
          tags,
          summary: 'Look for possible duplicates of one survivor now',
          params: IdParams,
          response: { 200: CheckResult },
        },
      },
      async (request) => checkSurvivorOnDemand(deps.app, requireActor(request), request.params.id),
    );
    app.post(
      '/api/matching/dedupe',
      {
        schema: {
          tags,
          summary: 'Start re-running de-duplication over all survivors (progress: GET /api/jobs/:id)',
          response: { 202: JobStarted },
        },
      },
      async (request, reply) => reply.code(202).send(await startDedupe(deps.app, requireActor(request))),
    );
  };
