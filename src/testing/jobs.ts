import { JobRunner } from '../services/jobs.service.ts';
import { jobHandlers } from '../server/job-handlers.ts';
import type { TestServer } from './test-server.ts';

/** Runs every queued background job (the system's matching among them) until the queue is empty. */
export async function drainJobs(t: TestServer): Promise<void> {
  const runner = new JobRunner(t.app, jobHandlers);
  while (await runner.runOnce()) {
    /* next job */
  }
}
