import { z } from 'zod';
import type { Message as CoreMessage } from '../core/message.ts';

/**
 * Server-made text as a translation key and its parameters (core/message.ts), sent beside the
 * English string so the web can show it in the reader's language.
 */
export const Message = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
}) satisfies z.ZodType<CoreMessage>;
export type Message = z.infer<typeof Message>;

/**
 * RFC 9457 problem details, with each bad field named in `invalidParams`. Where the wording is fixed by it,
 * `code` and `params` (extension members) say the detail as a message: key error.<code> (field.<code> for a
 * field's reason) in the web's `server` namespace; `detail` and `reason` stay the English words.
 */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  params: Message.shape.params.optional(),
  invalidParams: z
    .array(
      z.object({
        name: z.string(),
        reason: z.string(),
        code: z.string().optional(),
        params: Message.shape.params.optional(),
      }),
    )
    .optional(),
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
