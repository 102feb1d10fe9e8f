import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../contracts/common.ts';
import {
  DeathFiguresView,
  DeathReportCreate,
  DeathReportList,
  DeathReportView,
  TracingDecisionBody,
  TracingProposalList,
  TracingRequestCreate,
  TracingRequestList,
  TracingRequestView,
} from '../../contracts/tracing.ts';
import { z } from 'zod';
import { TRACING_PROPOSAL_STATES } from '../../core/tracing/tracing.ts';
import { deathCounts, listDeaths, recordDeath } from '../../services/deaths.service.ts';
import {
  closeOwnTracingRequest,
  createTracingRequest,
  decideProposal,
  listHolderProposals,
  listOwnTracingRequests,
} from '../../services/tracing/tracing.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

const DecisionResult = z.object({ id: z.string(), state: z.enum(TRACING_PROPOSAL_STATES) });

/** Tracing requests, blind both ways (core/tracing), and deaths reported as restricted events (core/deaths). */
export const tracingRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['tracing'];
    app.post(
      '/api/tracing/requests',
      {
        schema: {
          tags,
          summary: 'Record a tracing request (who asks, for whom, identifying details, consent)',
          body: TracingRequestCreate,
          response: { 201: TracingRequestView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createTracingRequest(deps.app, requireActor(request), request.body)),
    );
    app.get(
      '/api/tracing/requests',
      {
        schema: {
          tags,
          summary: "The caller's organisation's tracing requests and their status",
          response: { 200: TracingRequestList },
        },
      },
      async (request) => listOwnTracingRequests(deps.app, requireActor(request)),
    );
    app.post(
      '/api/tracing/requests/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a tracing request of the caller’s organisation',
          params: IdParams,
          response: { 200: TracingRequestView },
        },
      },
      async (request) => closeOwnTracingRequest(deps.app, requireActor(request), request.params.id),
    );
    app.get(
      '/api/tracing/proposals',
      {
        schema: {
          tags,
          summary: "Proposals that someone sought may be one of the caller's organisation's survivors",
          response: { 200: TracingProposalList },
        },
      },
      async (request) => listHolderProposals(deps.app, requireActor(request)),
    );
    app.post(
      '/api/tracing/proposals/:id/decision',
      {
        schema: {
          tags,
          summary: 'Decide a tracing proposal with the survivor (and what they agree to share)',
          params: IdParams,
          body: TracingDecisionBody,
          response: { 200: DecisionResult },
        },
      },
      async (request) => decideProposal(deps.app, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/deaths',
      {
        schema: {
          tags,
          summary: 'Record a death reported in a compound or after exit (restricted to the recording organisation)',
          body: DeathReportCreate,
          response: { 201: DeathReportView },
        },
      },
      async (request, reply) => reply.code(201).send(await recordDeath(deps.app, requireActor(request), request.body)),
    );
    app.get(
      '/api/deaths',
      {
        schema: { tags, summary: "The caller's organisation's death reports", response: { 200: DeathReportList } },
      },
      async (request) => listDeaths(deps.app, requireActor(request)),
    );
    app.get(
      '/api/deaths/counts',
      {
        schema: {
          tags,
          summary: 'Deaths by context: own reports exact, across organisations suppressed (coordination)',
          response: { 200: DeathFiguresView },
        },
      },
      async (request) => deathCounts(deps.app, requireActor(request)),
    );
  };
