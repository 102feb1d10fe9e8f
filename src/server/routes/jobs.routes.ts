import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { JobView, StartJobRequest } from '../../contracts/jobs.ts';
import { getJob, listRecentJobs, startJob } from '../../services/jobs.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

export const jobRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['jobs'];
    app.get(
      '/api/jobs',
      {
        schema: {
          tags,
          summary: "The organisation's recent background jobs",
          response: { 200: z.object({ items: z.array(JobView) }) },
        },
      },
      async (request) => ({ items: await listRecentJobs(deps.app, requireActor(request)) }),
    );
    app.post(
      '/api/jobs',
      {
        schema: {
          tags,
          summary: 'Start a maintenance job (admins)',
          body: StartJobRequest,
          response: { 202: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const id = await startJob(deps.app, requireActor(request), request.body.kind);
        return reply.code(202).send({ id });
      },
    );
    app.get(
      '/api/jobs/:id',
      {
        schema: { tags, summary: 'One background job and its progress', params: IdParams, response: { 200: JobView } },
      },
      async (request) => getJob(deps.app, requireActor(request), request.params.id),
    );
  };
