/**
 * Messages to the contact a person gave on the help page (issue #15): queued with the change they tell of, in the
 * same transaction, and delivered by a background job with retries. What a message says, and why it never carries
 * the private code, is in core/help/help-message.ts.
 */
import {
  MESSAGE_MAX_ATTEMPTS,
  helpMessageText,
  retryDelaySeconds,
  type HelpMessageStrings,
  type OutboundReason,
} from '../core/help/help-message.ts';
import {
  HELP_LANGUAGES,
  type HelpLanguage,
  type HelpNextSteps,
  type HelpPublicStatus,
} from '../core/help/help-request.ts';
import bn from '../core/help/translations/bn.json' with { type: 'json' };
import en from '../core/help/translations/en.json' with { type: 'json' };
import fil from '../core/help/translations/fil.json' with { type: 'json' };
import fr from '../core/help/translations/fr.json' with { type: 'json' };
import hi from '../core/help/translations/hi.json' with { type: 'json' };
import indonesian from '../core/help/translations/id.json' with { type: 'json' };
import km from '../core/help/translations/km.json' with { type: 'json' };
import ko from '../core/help/translations/ko.json' with { type: 'json' };
import my from '../core/help/translations/my.json' with { type: 'json' };
import ptBR from '../core/help/translations/pt-BR.json' with { type: 'json' };
import sw from '../core/help/translations/sw.json' with { type: 'json' };
import th from '../core/help/translations/th.json' with { type: 'json' };
import vi from '../core/help/translations/vi.json' with { type: 'json' };
import zh from '../core/help/translations/zh.json' with { type: 'json' };
import { encryptionContext } from '../db/encrypted-columns.ts';
import { enqueueJob, type JobRow } from '../db/repositories/jobs.repository.ts';
import {
  claimOutboundMessage,
  insertOutboundMessage,
  markOutboundFailedTry,
  markOutboundSent,
} from '../db/repositories/outbound-messages.repository.ts';
import { asSystem, type Queryable } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import type { JobHandler } from './jobs.service.ts';
import { DeliveryError, logTransport, type MessageTransport } from './message-transports.ts';

/** Every help-page language's message strings (the type check makes each file carry them). */
const STRINGS: Record<HelpLanguage, HelpMessageStrings> = {
  en,
  id: indonesian,
  zh,
  vi,
  th,
  my,
  km,
  fil,
  ko,
  'pt-BR': ptBR,
  bn,
  hi,
  sw,
  fr,
};

export const HELP_MESSAGE_JOB = 'help.message';
/** A delivery try holds its message this long; longer than a gateway may take to answer (WEBHOOK_TIMEOUT_MS). */
const LEASE_SECONDS = 120;
const DEFAULT_TRANSPORT: MessageTransport = logTransport((line) => console.log(line));

/** Sealed together: who the message goes to and what it says. */
interface Envelope {
  channel: string;
  to: string;
  text: string;
}
const envelopeContext = (messageId: string) => encryptionContext('outbound_messages', 'envelope_enc', messageId);

const isHelpLanguage = (l: string): l is HelpLanguage => (HELP_LANGUAGES as readonly string[]).includes(l);

/**
 * Queues a message saying `view` to the request's contact, in the caller's transaction, with the job that delivers
 * it. Nothing when the person gave no contact. Returns the message id (or null).
 */
export async function queueHelpMessage(
  trx: Queryable,
  app: AppContext,
  actor: RequestActor | null,
  request: { id: string; organisationId: string; language: string; contact?: { channel: string; value: string } },
  reason: OutboundReason,
  view: { status: HelpPublicStatus } & HelpNextSteps,
): Promise<string | null> {
  if (!request.contact) return null;
  const language = isHelpLanguage(request.language) ? request.language : 'en';
  const messageId = app.newId();
  const envelope: Envelope = {
    channel: request.contact.channel,
    to: request.contact.value,
    text: helpMessageText(STRINGS[language], language, view),
  };
  await insertOutboundMessage(trx, {
    id: messageId,
    organisationId: request.organisationId,
    helpRequestId: request.id,
    reason,
    language,
    envelopeEnc: app.cipher.encryptJson(envelope, envelopeContext(messageId)),
    createdAt: app.now().toISOString(),
  });
  await enqueueJob(trx, {
    id: app.newId(),
    kind: HELP_MESSAGE_JOB,
    payload: { messageId },
    organisationId: request.organisationId,
    createdBy: null,
  });
  await audit(trx, app, actor, 'help_request.message_queued', 'help_request', request.id, { messageId, reason });
  return messageId;
}

/**
 * One delivery try of one message (system). A message already sent, failed, not yet due or being tried elsewhere is
 * left alone, so a job that runs twice sends once. A failed try is kept with a short reason, and the next try is
 * queued after a back-off (core/help/help-message.ts retryDelaySeconds) until MESSAGE_MAX_ATTEMPTS, then the message
 * is marked failed. A server that dies mid-try may leave a message sent but not marked: it is sent again, with the
 * same id, which a gateway can use to drop the repeat.
 */
export async function deliverHelpMessage(
  app: AppContext,
  messageId: string,
  organisationId: string | null,
): Promise<{ sent: boolean; transport?: string }> {
  const claimed = await asSystem(app.database, (trx) => claimOutboundMessage(trx, messageId, LEASE_SECONDS));
  if (!claimed) return { sent: false };
  const transport = app.messages ?? DEFAULT_TRANSPORT;
  try {
    const envelope = app.cipher.decryptJson<Envelope>(claimed.envelopeEnc, envelopeContext(claimed.id));
    await transport.send({ id: claimed.id, language: claimed.language, ...envelope });
  } catch (error) {
    // Only a DeliveryError's words are kept: any other error might quote what it was handed.
    const reason = error instanceof DeliveryError ? error.message : 'the transport failed';
    const final = claimed.attempts >= MESSAGE_MAX_ATTEMPTS;
    await asSystem(app.database, async (trx) => {
      const next = await markOutboundFailedTry(
        trx,
        claimed.id,
        reason,
        final ? null : retryDelaySeconds(claimed.attempts),
      );
      if (next)
        await enqueueJob(trx, {
          id: app.newId(),
          kind: HELP_MESSAGE_JOB,
          payload: { messageId },
          organisationId,
          createdBy: null,
          runAfter: next.nextAttemptAt,
        });
    });
    // The job keeps only this message's words (JobRunner stores error.message), not the cause's.
    throw new Error(`message not delivered (${reason}); ${final ? 'no more tries' : 'it will be tried again'}`, {
      cause: error,
    });
  }
  await asSystem(app.database, (trx) => markOutboundSent(trx, claimed.id));
  return { sent: true, transport: transport.name };
}

export const helpMessageJobs: Record<string, JobHandler> = {
  [HELP_MESSAGE_JOB]: async (job: JobRow, { app }) => {
    const messageId = (job.payload as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId !== 'string') throw new Error('a help message job needs a messageId');
    return deliverHelpMessage(app, messageId, job.organisationId);
  },
};
