import { z } from 'zod';

export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.object({ phase: z.string().optional(), done: z.number().optional(), total: z.number().optional() }),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

/** Jobs a person may start from the API; capability jobs are started by their own endpoints. */
export const StartJobRequest = z.object({ kind: z.enum(['audit.verify']) });
