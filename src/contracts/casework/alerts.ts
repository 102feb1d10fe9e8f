/** An organisation's alerts: listing them, and acknowledging, dismissing or reopening one. */
import { z } from 'zod';
import { ALERT_KINDS } from '../../core/vocabulary.ts';
import { Message } from '../common.ts';
import { csvOf, Page } from './fields.ts';

export const AlertListQuery = z.object({
  status: csvOf(z.enum(['open', 'acknowledged', 'dismissed'])).optional(),
  kind: csvOf(z.enum(ALERT_KINDS)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const AlertView = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  title: z.string(),
  /** The title as a key and parameters; null for alerts stored before messages were (show `title`). */
  titleMessage: Message.nullable(),
  status: z.enum(['open', 'acknowledged', 'dismissed']),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  shared: z.boolean(),
  reasons: z.array(z.string()),
  /** One for one with `reasons` when stored with them; empty for older alerts. */
  reasonMessages: z.array(Message),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertView = z.infer<typeof AlertView>;
export const AlertList = Page(AlertView);
export const ChangeAlertRequest = z.object({ status: z.enum(['acknowledged', 'dismissed', 'open']) }).strict();

export type AlertListQuery = z.input<typeof AlertListQuery>;
export type AlertList = z.infer<typeof AlertList>;
export type ChangeAlertRequest = z.infer<typeof ChangeAlertRequest>;
