import type { JobHandler } from '../jobs.ts';

/** Background jobs of casework. */
export const caseworkJobs: Record<string, JobHandler> = {};
