import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery } from '../../contracts/dashboard.ts';
import { dashboardStatistics } from '../../services/dashboard.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

export const dashboardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/dashboard',
      {
        schema: {
          tags: ['reports'],
          summary:
            'The reports dashboard: survivors, consular bottleneck, needs, referrals, monitoring and ' +
            'alerts, as far as the viewer may see (cross-organisation survivor figures suppressed)',
          querystring: DashboardQuery,
          response: { 200: Dashboard },
        },
      },
      async (request) => dashboardStatistics(deps.app, requireActor(request), request.query),
    );
  };
