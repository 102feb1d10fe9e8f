import type { JobHandler } from '../jobs.ts';

/** Background jobs of matching. */
export const matchingJobs: Record<string, JobHandler> = {};
