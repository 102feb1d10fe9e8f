import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import { AlertList, AlertListQuery, AlertView, ChangeAlertRequest } from '../../../contracts/casework/alerts.ts';
import {
  CheckInRequest,
  CheckInResult,
  EvaluationRunResult,
  FollowUpDueQuery,
  FollowUpList,
} from '../../../contracts/casework/followups.ts';
import { alertsFor, changeAlertStatus } from '../../../services/casework/alerts.service.ts';
import {
  dueFollowUps,
  evaluateOrganisationFollowUps,
  recordCheckIn,
} from '../../../services/casework/followups.service.ts';
import { startJob } from '../../../services/jobs.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

export const followUpRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['follow-ups'];
    app.get(
      '/api/followups/due',
      {
        schema: {
          tags,
          summary: 'Check-ins due (and overdue), earliest first',
          querystring: FollowUpDueQuery,
          response: { 200: FollowUpList },
        },
      },
      async (request) => dueFollowUps(deps.app, requireActor(request), request.query),
    );
    app.post(
      '/api/followups/:id/checkins',
      {
        schema: {
          tags,
          summary: 'Record a check-in and re-evaluate the case',
          params: IdParams,
          body: CheckInRequest,
          response: { 200: CheckInResult },
        },
      },
      async (request) => recordCheckIn(deps.app, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/followups/evaluations',
      {
        schema: {
          tags,
          summary:
            'Evaluate missed check-ins now (this organisation), or ' +
            'queue the all-organisation job (admins, background=true)',
          querystring: z.object({ background: z.enum(['true', 'false']).default('false') }),
          response: { 200: EvaluationRunResult, 202: z.object({ jobId: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (request.query.background === 'true')
          return reply.code(202).send({ jobId: await startJob(deps.app, actor, 'casework.followups') });
        return evaluateOrganisationFollowUps(deps.app, actor);
      },
    );
    app.get(
      '/api/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: "This organisation's alerts and shared ones, most urgent first",
          querystring: AlertListQuery,
          response: { 200: AlertList },
        },
      },
      async (request) => alertsFor(deps.app, requireActor(request), request.query),
    );
    app.patch(
      '/api/alerts/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge, dismiss or reopen an alert',
          params: IdParams,
          body: ChangeAlertRequest,
          response: { 200: AlertView },
        },
      },
      async (request) => changeAlertStatus(deps.app, requireActor(request), request.params.id, request.body.status),
    );
  };
