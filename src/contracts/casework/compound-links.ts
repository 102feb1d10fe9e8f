import { z } from 'zod';
import { IsoDay } from './fields.ts';

/** GET /api/compound-lookup: the registration picker's query (any name or alias, any script). */
export const CompoundLookupQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(25).default(10),
});

export const CompoundLookupItem = z.object({
  id: z.string(),
  /** The registry's first name of the compound. */
  name: z.string(),
  /** The name or alias the query matched, as recorded. */
  matched: z.string(),
  otherNames: z.array(z.string()),
  country: z.string(),
  province: z.string().nullable(),
});
export const CompoundLookupResult = z.object({ items: z.array(CompoundLookupItem) });
export type CompoundLookupResult = z.infer<typeof CompoundLookupResult>;

/**
 * POST /api/cases/:id/testimony: hands a de-identified account to monitoring, under the survivor's
 * consent "testimony to monitoring". The caseworker writes the account without names, contacts or
 * the organisation; the server adds nothing that identifies the survivor.
 */
export const TestimonyHandOffRequest = z
  .object({
    compoundId: z.uuid(),
    text: z.string().trim().min(20).max(20_000),
    /** The days the account covers (e.g. when they were held), if known. */
    from: IsoDay.optional(),
    to: IsoDay.optional(),
  })
  .strict();
export type TestimonyHandOffRequest = z.infer<typeof TestimonyHandOffRequest>;

/** Only that it was handed off: the evidence item's id is not returned (the case is not linked to it). */
export const TestimonyHandOffResult = z.object({ handedOff: z.literal(true), compoundId: z.string() });
export type TestimonyHandOffResult = z.infer<typeof TestimonyHandOffResult>;
