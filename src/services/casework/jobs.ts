import type { JobHandler } from '../jobs.ts';
import { evaluateAllFollowUps } from './followups.ts';

/** Background jobs of casework. */
export const caseworkJobs: Record<string, JobHandler> = {
  /** Missed check-ins and loss of contact: raise risk and alert case owners, for every organisation. */
  'casework.followups': async (_job, { app, progress }) =>
    evaluateAllFollowUps(app, (done) => progress({ phase: 'evaluating', done })),
};
