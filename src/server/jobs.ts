import type { JobHandler } from '../services/jobs.ts';
import { verifyAuditChain } from '../services/audit.ts';

/** Background job kinds this server runs. Capabilities register their long-running work here. */
export const jobHandlers: Record<string, JobHandler> = {
  'audit.verify': async (_job, { app, progress }) => {
    const result = await verifyAuditChain(app, (checked) => { void progress({ phase: 'verifying', done: checked }); });
    return result;
  },
  /** A trivial job used to prove the queue works across server processes. */
  'system.echo': async (job, { progress }) => {
    await progress({ phase: 'echo', done: 1, total: 1 });
    return { echoed: job.payload, pid: process.pid };
  },
};
