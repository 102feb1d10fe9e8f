import type { JobHandler } from '../services/jobs.service.ts';
import { verifyAuditLog } from '../services/audit-verification.service.ts';
import { caseworkJobs } from '../services/casework/jobs.service.ts';
import { monitoringJobs } from '../services/monitoring/jobs.service.ts';
import { matchingJobs } from '../services/matching/jobs.service.ts';
import { reportJobs } from '../services/exports/report-schedules.service.ts';
import { networksJobs } from '../services/networks/jobs.service.ts';
import { tracingJobs } from '../services/tracing/jobs.service.ts';
import { helpMessageJobs } from '../services/help-messages.service.ts';

/** Background job kinds this server runs. Each capability registers its long-running work in its own file. */
export const jobHandlers: Record<string, JobHandler> = {
  'audit.verify': async (_job, { app, progress }) =>
    verifyAuditLog(app, {
      onProgress: (checked) => {
        void progress({ phase: 'verifying', done: checked });
      },
    }),
  /** A trivial job used to prove the queue works across server processes. */
  'system.echo': async (job, { progress }) => {
    await progress({ phase: 'echo', done: 1, total: 1 });
    return { echoed: job.payload, pid: process.pid };
  },
  ...caseworkJobs,
  ...monitoringJobs,
  ...matchingJobs,
  ...reportJobs,
  ...networksJobs,
  ...tracingJobs,
  ...helpMessageJobs,
};
