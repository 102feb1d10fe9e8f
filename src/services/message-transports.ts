/**
 * How a message to a help request's contact leaves the server (README › Configuration, REFUGE_MESSAGES_*). One
 * transport per deployment:
 * - `log` (default): writes one line naming the message and its channel — never the contact or the text — and counts
 *   the message as sent, so a demo or a development server works with nothing set up.
 * - `webhook`: POSTs {to, channel, text, language, id} as JSON to a gateway the organisation runs (an SMS/WhatsApp
 *   gateway such as RapidPro, or a relay of its own), with the shared secret as a bearer token. A 2xx answer is sent;
 *   anything else is a failed try, tried again later (services/help-messages.service.ts).
 */

export interface OutboundEnvelope {
  /** The message's id: the same on every try, so a gateway can drop a repeat (Idempotency-Key). */
  id: string;
  to: string;
  channel: string;
  text: string;
  language: string;
}

export interface MessageTransport {
  readonly name: string;
  /** Resolves when the message was handed over; throws DeliveryError (or anything) when it was not. */
  send(message: OutboundEnvelope): Promise<void>;
}

/** A failed try whose message is safe to keep and show to staff: it never quotes the contact, the text or an answer. */
export class DeliveryError extends Error {}

export type MessagesConfig = { transport: 'log' } | { transport: 'webhook'; url: string; secret: string };

export function logTransport(log: (line: string) => void): MessageTransport {
  return {
    name: 'log',
    send: async (m) =>
      log(`message ${m.id} (${m.channel}, ${m.language}) written to this log only: REFUGE_MESSAGES_TRANSPORT=log`),
  };
}

/** How long a gateway may take to answer before the try counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookTransport(options: { url: string; secret: string; timeoutMs?: number }): MessageTransport {
  return {
    name: 'webhook',
    async send(m) {
      let res: Response;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.secret}`,
            'idempotency-key': m.id,
          },
          body: JSON.stringify({ to: m.to, channel: m.channel, text: m.text, language: m.language, id: m.id }),
          // A redirect would carry the contact and the text somewhere nobody configured.
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        throw new DeliveryError(timedOut ? 'the gateway did not answer in time' : 'could not reach the gateway');
      }
      // The answer's body is not read into anything kept: a gateway may echo the number or the text.
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) throw new DeliveryError(`the gateway answered HTTP ${res.status}`);
    },
  };
}

export function messageTransport(config: MessagesConfig, log: (line: string) => void): MessageTransport {
  return config.transport === 'webhook' ? webhookTransport(config) : logTransport(log);
}
