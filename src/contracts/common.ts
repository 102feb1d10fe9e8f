import { z } from 'zod';

/** RFC 9457 problem details, with each bad field named in `invalidParams`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  requestId: z.string().optional(),
  /** 409 after If-Match: the version now stored (reload, then send the change again with it). */
  currentVersion: z.number().int().optional(),
});
export type Problem = z.infer<typeof Problem>;

/**
 * Optimistic concurrency on edits of cases, needs, evidence and compounds: send the `version` you loaded as
 * `If-Match: "<version>"`. When the record has changed since, nothing is changed and the answer is 409 with
 * `currentVersion`. Without If-Match the update is unconditional (the web client always sends it).
 */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?[0-9]{1,9}"?$/, 'a version number, e.g. "3"')
    .optional()
    .describe('The version of the record you edited, e.g. "3" (409 when someone changed it since)'),
});

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

/** Cursor pagination used by every list: `limit` (1–200, default 50) and an opaque `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const Ok = z.object({ ok: z.literal(true) });
