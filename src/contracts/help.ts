import { z } from 'zod';
import { HELP_CONTACT_CHANNELS, HELP_LANGUAGES, HELP_NEEDS, HELP_PUBLIC_STATUSES } from '../core/help/help-request.ts';
import { HELP_REQUEST_STATUSES } from '../core/help/help-request.ts';
import { OUTBOUND_REASONS, OUTBOUND_STATUSES } from '../core/help/help-message.ts';

/** POST /api/help-requests (public): everything is optional but the organisation and the page language. */
export const HelpRequestSubmission = z
  .object({
    /** The organisation's slug from the link or QR code it shared. */
    organisation: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,60}$/),
    language: z.enum(HELP_LANGUAGES),
    name: z.string().trim().max(120).optional(),
    nationality: z.string().trim().max(60).optional(),
    contact: z.object({ channel: z.enum(HELP_CONTACT_CHANNELS), value: z.string().trim().min(3).max(120) }).optional(),
    needs: z.array(z.enum(HELP_NEEDS)).max(HELP_NEEDS.length).default([]),
    location: z.string().trim().max(300).optional(),
    message: z.string().trim().max(2000).optional(),
    /** Hidden from people; a script that fills every field fills this one too. */
    website: z.string().max(200).optional(),
  })
  .strict();
export type HelpRequestSubmission = z.infer<typeof HelpRequestSubmission>;

/** The only answer: a private code. Nothing the person wrote is repeated back. */
export const HelpRequestReceipt = z.object({ code: z.string() });

/** POST /api/help-requests/status (public; the code in a body, never in a URL or a log). */
export const HelpStatusQuery = z.object({ code: z.string().trim().min(1).max(40) }).strict();
/** What the organisation asks the person to do next; null clears a step. */
const NextSteps = {
  place: z.string().trim().min(1).max(300).nullable(),
  flightDate: z.iso.date().nullable(),
};
export const HelpStatusView = z.object({ status: z.enum(HELP_PUBLIC_STATUSES), ...NextSteps });
export const HelpNextStepsChange = z.object(NextSteps).strict();
export type HelpNextStepsChange = z.infer<typeof HelpNextStepsChange>;

/**
 * A message to the person's contact, as staff see it: why it was queued and whether it left, never its text (it says
 * what the status and next steps say) nor anything a gateway answered.
 */
export const HelpMessageView = z.object({
  id: z.string(),
  reason: z.enum(OUTBOUND_REASONS),
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** When a queued message is tried (again); null once sent or failed. */
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type HelpMessageView = z.infer<typeof HelpMessageView>;

/** The organisation's queue: what the person gave, decrypted for the organisation's staff, marked unverified. */
export const HelpRequestView = z.object({
  id: z.string(),
  createdAt: z.string(),
  language: z.string(),
  status: z.enum(HELP_REQUEST_STATUSES),
  verified: z.literal(false),
  name: z.string().nullable(),
  nationality: z.string().nullable(),
  contact: z.object({ channel: z.string(), value: z.string() }).nullable(),
  needs: z.array(z.string()),
  location: z.string().nullable(),
  message: z.string().nullable(),
  spamSignals: z.array(z.string()),
  /** What the person is told to do next (shown to them with their code). */
  place: z.string().nullable(),
  flightDate: z.string().nullable(),
  /** Messages to the contact they gave (none when they gave none), oldest first. */
  messages: z.array(HelpMessageView),
});
export type HelpRequestView = z.infer<typeof HelpRequestView>;
export const HelpRequestList = z.object({ items: z.array(HelpRequestView) });
export const HelpRequestStatusChange = z.object({ status: z.enum(HELP_REQUEST_STATUSES) }).strict();
