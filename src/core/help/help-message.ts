/**
 * Messages to the contact a person gave on the help page (issue #15), the pure part: when one is due, what it says,
 * and how often delivery is tried.
 *
 * A message says what the status page says for the person's code, in the page's words (core/help/translations), and
 * nothing else: never another person, never a note, never the organisation's name. It does NOT carry the private
 * code either. A phone may be taken, shared or read by the people the person is escaping; a code in a message would
 * hand whoever holds the phone every later update (where to go, the flight date) for as long as the request lives,
 * while a message without it gives away only the one update it carries. The person saw their code on the page.
 */
import {
  HELP_LANGUAGE_TAGS,
  formatHelpDay,
  publicView,
  type HelpLanguage,
  type HelpNextSteps,
} from './help-request.ts';
import type { HelpPublicStatus, HelpRequestStatus } from './help-request.ts';

/** The part of a help-page translation file a message is made of (the status lines are the page's own). */
export interface HelpMessageStrings {
  status: Record<HelpPublicStatus, string>;
  contactMessage: { place: string; flightDate: string };
}

/** Why a message was queued: shown to staff next to its delivery status (never the text). */
export const OUTBOUND_REASONS = ['received', 'status', 'next_steps'] as const;
export type OutboundReason = (typeof OUTBOUND_REASONS)[number];

/** What staff see of a message: queued (waiting or retrying), sent (the transport took it), failed (gave up). */
export const OUTBOUND_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** Placeholders each template must carry exactly once (the translations test checks every language). */
export const CONTACT_MESSAGE_PLACEHOLDERS = { place: '{place}', flightDate: '{date}' } as const;

type View = { status: HelpPublicStatus } & HelpNextSteps;

/**
 * What a message about a request would say, or null when none may be sent: a request marked spam sends nothing (a
 * script's made-up number gets no SMS from the organisation's gateway), though its code still reads "received".
 */
export function messageView(status: HelpRequestStatus, next: HelpNextSteps | null): View | null {
  return status === 'spam' ? null : publicView(status, next);
}

/**
 * Whether moving a request from `before` to `after` tells the person something new. A change made twice (a retried
 * request, a double click) tells nothing the second time, so nothing is queued twice.
 */
export function messageDue(before: View | null, after: View | null): boolean {
  if (!after) return false;
  return (
    !before || before.status !== after.status || before.place !== after.place || before.flightDate !== after.flightDate
  );
}

/** The message text in the person's language: the status line, then where to go and the flight date if set. */
export function helpMessageText(strings: HelpMessageStrings, language: HelpLanguage, view: View): string {
  // A function as the replacement: a place written with "$&" or "$1" is kept as written.
  const fill = (template: string, placeholder: string, value: string) => template.replace(placeholder, () => value);
  const lines = [strings.status[view.status]];
  if (view.place) lines.push(fill(strings.contactMessage.place, CONTACT_MESSAGE_PLACEHOLDERS.place, view.place));
  if (view.flightDate) {
    const day = formatHelpDay(view.flightDate, HELP_LANGUAGE_TAGS[language]);
    lines.push(fill(strings.contactMessage.flightDate, CONTACT_MESSAGE_PLACEHOLDERS.flightDate, day));
  }
  return lines.join('\n');
}

/** Tries before a message is marked failed: about seven hours in all (a gateway down for a night still sends). */
export const MESSAGE_MAX_ATTEMPTS = 8;

/** Seconds to wait after failed try `attempt` (1-based): 30 s, 2 min, 8 min, 32 min, then every 2 hours. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempt - 1), 2 * 3600);
}
