import { z } from 'zod';

/** RFC 9457 problem details, with each bad field named in `invalidParams`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

/** Cursor pagination used by every list: `limit` (1–200, default 50) and an opaque `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const Ok = z.object({ ok: z.literal(true) });
