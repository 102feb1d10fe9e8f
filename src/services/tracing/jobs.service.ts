import type { JobHandler } from '../jobs.service.ts';
import { matchTracingRequest, TRACING_MATCH_JOB } from './match.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Background jobs of tracing (queued by the system: organisation NULL). */
export const tracingJobs: Record<string, JobHandler> = {
  /** Payload `{ requestId }`: compare a new tracing request with every registered survivor. */
  [TRACING_MATCH_JOB]: async (job, { app, progress }) => {
    const requestId = (job.payload as { requestId?: unknown } | null)?.requestId;
    if (typeof requestId !== 'string' || !UUID.test(requestId))
      throw new Error('payload.requestId must be a tracing request id');
    const result = await matchTracingRequest(app, requestId);
    await progress({ phase: 'checked', done: 1, total: 1 });
    return result;
  },
};
