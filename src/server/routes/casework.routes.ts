import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';
import { caseRoutes } from './casework/cases.routes.ts';
import { coordinationRoutes } from './casework/coordination.routes.ts';
import { compoundLinkRoutes } from './casework/compound-links.routes.ts';
import { followUpRoutes } from './casework/followups.routes.ts';
import { referralRoutes } from './casework/referrals.routes.ts';
import { survivorRoutes } from './casework/survivors.routes.ts';

/** Casework endpoints: survivors, cases, triage, referrals, consular queue, coordination, follow-ups and alerts. */
export const caseworkRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(survivorRoutes(deps));
    await app.register(caseRoutes(deps));
    await app.register(referralRoutes(deps));
    await app.register(coordinationRoutes(deps));
    await app.register(followUpRoutes(deps));
    await app.register(compoundLinkRoutes(deps));
  };
