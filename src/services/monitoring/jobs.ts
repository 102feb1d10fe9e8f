import type { JobHandler } from '../jobs.ts';

/** Background jobs of monitoring. */
export const monitoringJobs: Record<string, JobHandler> = {};
