import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeSummary } from '../../contracts/home.ts';
import { organisationSummary } from '../../services/home.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

export const homeRoutes = (deps: ServerDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/home', { schema: { tags: ['home'], summary: "The current organisation's numbers", response: { 200: HomeSummary } } }, async (request) => {
    const actor = requireActor(request);
    const org = request.session!.view.organisations.find((o) => o.id === actor.organisationId)!;
    const summary = await organisationSummary(deps.app, actor);
    return { organisation: { id: org.id, name: org.name, kind: org.kind, isDemo: org.isDemo }, ...summary };
  });
};
