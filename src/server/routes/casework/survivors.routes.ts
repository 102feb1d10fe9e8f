import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ChangeConsentRequest,
  ConsentHistoryView,
  RegisteredSurvivor,
  RegisterSurvivorRequest,
} from '../../../contracts/casework/survivors.ts';
import { changeConsent, consentHistory } from '../../../services/casework/consent.service.ts';
import { registerSurvivor } from '../../../services/casework/register.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { IdempotencyHeaders } from '../../plugins/idempotency.ts';
import { requireActor } from '../../plugins/session.ts';

export const survivorRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['survivors'];
    app.post(
      '/api/survivors',
      {
        config: { idempotent: true },
        schema: {
          tags,
          summary: 'Register a survivor and open their case',
          headers: IdempotencyHeaders,
          body: RegisterSurvivorRequest,
          response: { 201: RegisteredSurvivor },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await registerSurvivor(deps.app, requireActor(request), request.body, request.idempotency)),
    );

    app.get(
      '/api/survivors/:id/consent',
      {
        schema: {
          tags,
          summary: "The survivor's consent, every version",
          params: IdParams,
          response: { 200: ConsentHistoryView },
        },
      },
      async (request) => consentHistory(deps.app, requireActor(request), request.params.id),
    );

    app.put(
      '/api/survivors/:id/consent',
      {
        schema: {
          tags,
          summary: 'Record a new consent version',
          params: IdParams,
          body: ChangeConsentRequest,
          response: { 200: ConsentHistoryView },
        },
      },
      async (request) => changeConsent(deps.app, requireActor(request), request.params.id, request.body),
    );
  };
