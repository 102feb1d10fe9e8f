import type { JobHandler } from '../jobs.service.ts';
import { evaluateAllFollowUps } from './followups.service.ts';

/** Background jobs of casework. */
export const caseworkJobs: Record<string, JobHandler> = {
  /** Missed check-ins and loss of contact: raise risk and alert case owners, for every organisation. */
  'casework.followups': async (_job, { app, progress }) =>
    evaluateAllFollowUps(app, (done) => progress({ phase: 'evaluating', done })),
};
