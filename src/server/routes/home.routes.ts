import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DemoAccounts, HomeSummary, OrganisationDirectory, OrganisationDirectoryQuery } from '../../contracts/home.ts';
import { organisationDirectory } from '../../services/accounts.service.ts';
import { listDemoAccounts } from '../../services/demo/accounts.ts';
import { homeStatistics } from '../../services/statistics.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

export const homeRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/demo',
      {
        schema: {
          tags: ['home'],
          summary: 'Demo sign-ins to try (a demo deployment only; 404 in production)',
          response: { 200: DemoAccounts },
        },
      },
      async () => listDemoAccounts(deps.app),
    );

    app.get(
      '/api/organisations',
      {
        schema: {
          tags: ['home'],
          summary: 'The directory of responding organisations (names and kinds only)',
          querystring: OrganisationDirectoryQuery,
          response: { 200: OrganisationDirectory },
        },
      },
      async (request) => {
        requireActor(request);
        const { kind, q, limit, cursor } = request.query;
        return organisationDirectory(deps.app, {
          kinds: kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind],
          q,
          limit,
          cursor,
        });
      },
    );

    app.get(
      '/api/home',
      {
        schema: {
          tags: ['home'],
          summary:
            "The current organisation's numbers (a coordination organisation: everyone's, small cells suppressed)",
          response: { 200: HomeSummary },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const org = request.session!.view.organisations.find((o) => o.id === actor.organisationId)!;
        const summary = await homeStatistics(deps.app, actor);
        return { organisation: { id: org.id, name: org.name, kind: org.kind, isDemo: org.isDemo }, ...summary };
      },
    );
  };
