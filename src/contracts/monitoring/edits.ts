/** Edit history of shared monitoring objects (evidence items, compounds): nothing is silently overwritten. */
import { z } from 'zod';

export const EditHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  /** What kind of change: annotate, verification, retract (evidence); update, import (compounds). */
  action: z.string(),
  fields: z.array(z.string()),
  /** Only for staff of the reader's organisation (core/permissions/attribution); else null. */
  userId: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string().nullable(),
  /** The change was made by the reader's own organisation. */
  ownOrganisation: z.boolean(),
  /** Values of `fields` before and after the change. */
  previous: z.record(z.string(), z.unknown()),
  next: z.record(z.string(), z.unknown()),
});
export type EditHistoryEntry = z.infer<typeof EditHistoryEntry>;

export const EditHistory = z.object({
  subjectType: z.enum(['evidence', 'compound']),
  subjectId: z.string(),
  entries: z.array(EditHistoryEntry),
});
export type EditHistory = z.infer<typeof EditHistory>;
