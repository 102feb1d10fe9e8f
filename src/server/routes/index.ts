import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';
import { authRoutes } from './auth.routes.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { caseworkRoutes } from './casework.routes.ts';
import { capacityRoutes } from './capacity.routes.ts';
import { exportRoutes } from './exports.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { helpRoutes } from './help.routes.ts';
import { homeRoutes } from './home.routes.ts';
import { jobRoutes } from './jobs.routes.ts';
import { matchingRoutes } from './matching.routes.ts';
import { monitoringRoutes } from './monitoring.routes.ts';
import { networksRoutes } from './networks.routes.ts';
import { networksAnalysisRoutes } from './networks-analysis.routes.ts';
import { publicStatisticsRoutes } from './public-statistics.routes.ts';
import { tracingRoutes } from './tracing.routes.ts';

/** Every API route, registered in one place so the tree of endpoints is easy to see. */
export const apiRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(healthRoutes(deps));
    await app.register(authRoutes(deps));
    await app.register(homeRoutes(deps));
    await app.register(jobRoutes(deps));
    await app.register(caseworkRoutes(deps));
    await app.register(capacityRoutes(deps));
    await app.register(monitoringRoutes(deps));
    await app.register(matchingRoutes(deps));
    await app.register(networksRoutes(deps));
    await app.register(networksAnalysisRoutes(deps));
    await app.register(exportRoutes(deps));
    await app.register(publicStatisticsRoutes(deps));
    await app.register(dashboardRoutes(deps));
    await app.register(helpRoutes(deps));
    await app.register(tracingRoutes(deps));
  };
