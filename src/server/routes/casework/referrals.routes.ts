import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ChangeReferralRequest,
  CreateReferralRequest,
  ReferralList,
  ReferralListQuery,
  ReferralView,
  ReferredCareRequest,
  ReferredNeedParams,
} from '../../../contracts/casework/referrals.ts';
import { PostReferralMessage, ReferralThread } from '../../../contracts/casework/referral-exchange.ts';
import { getReferralThread, postReferralMessage } from '../../../services/casework/referral-exchange.service.ts';
import {
  changeReferralState,
  createReferral,
  getReferral,
  listReferralsFor,
  recordReferredCare,
} from '../../../services/casework/referrals.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

export const referralRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['referrals'];
    app.post(
      '/api/referrals',
      {
        schema: {
          tags,
          summary: 'Refer a case (or some of its needs) to another organisation',
          body: CreateReferralRequest,
          response: { 201: ReferralView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createReferral(deps.app, requireActor(request), request.body)),
    );
    app.get(
      '/api/referrals',
      {
        schema: {
          tags,
          summary: 'Incoming or outgoing referrals',
          querystring: ReferralListQuery,
          response: { 200: ReferralList },
        },
      },
      async (request) => listReferralsFor(deps.app, requireActor(request), request.query),
    );
    app.get(
      '/api/referrals/:id',
      {
        schema: {
          tags,
          summary: 'One referral, as this side may see it',
          params: IdParams,
          response: { 200: ReferralView },
        },
      },
      async (request) => getReferral(deps.app, requireActor(request), request.params.id),
    );
    app.patch(
      '/api/referrals/:id',
      {
        schema: {
          tags,
          summary: 'Accept, decline, complete or revoke a referral',
          params: IdParams,
          body: ChangeReferralRequest,
          response: { 200: ReferralView },
        },
      },
      async (request) =>
        changeReferralState(
          deps.app,
          requireActor(request),
          request.params.id,
          request.body.state,
          request.body.reason,
        ),
    );
    app.get(
      '/api/referrals/:id/messages',
      {
        schema: {
          tags,
          summary: 'The exchange on a referral: what was asked, replies, care recorded (only the two organisations)',
          params: IdParams,
          response: { 200: ReferralThread },
        },
      },
      async (request) => getReferralThread(deps.app, requireActor(request), request.params.id),
    );
    app.post(
      '/api/referrals/:id/messages',
      {
        schema: {
          tags,
          summary: 'Reply on a referral, or (receiver) record the care given, its outcome and the next step',
          params: IdParams,
          body: PostReferralMessage,
          response: { 201: ReferralThread },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await postReferralMessage(deps.app, requireActor(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/referrals/:id/needs/:needId',
      {
        schema: {
          tags,
          summary: 'The receiving organisation records the care it gives on one referred need (started or given)',
          params: ReferredNeedParams,
          body: ReferredCareRequest,
          response: { 200: ReferralView },
        },
      },
      async (request) =>
        recordReferredCare(
          deps.app,
          requireActor(request),
          request.params.id,
          request.params.needId,
          request.body.status,
        ),
    );
  };
