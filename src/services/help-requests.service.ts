import { createHash, randomBytes } from 'node:crypto';
import {
  formatCode,
  normaliseCode,
  publicView,
  spamSignals,
  type HelpContent,
  type HelpNextSteps,
  type HelpPublicStatus,
  type HelpRequestStatus,
} from '../core/help/help-request.ts';
import { messageDue, messageView, type OutboundReason } from '../core/help/help-message.ts';
import type { HelpNextStepsChange, HelpRequestSubmission, HelpRequestView } from '../contracts/help.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import {
  helpStatusByCodeHash,
  insertHelpRequest,
  listHelpRequests,
  lockHelpRequest,
  organisationBySlug,
  setHelpRequestNextSteps,
  setHelpRequestStatus,
} from '../db/repositories/help-requests.repository.ts';
import { listOutboundMessages } from '../db/repositories/outbound-messages.repository.ts';
import { hitRateLimit } from '../db/repositories/rate-limits.repository.ts';
import type { Queryable } from '../db/transaction.ts';
import { asActor, asSystem } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import { authorise } from './casework/access.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { notFound, TooManyRequests } from './errors.ts';
import { queueHelpMessage } from './help-messages.service.ts';

/**
 * The public help page's use cases (issue #15). A survivor's request lands in the organisation's queue, unverified,
 * with everything they wrote encrypted; they get a private code and nothing else. A status look-up answers for that
 * code only, so the page cannot be used to learn whether anyone else asked for help or is known.
 */
export const HELP_LIMITS = {
  /** Requests from one address per window: a family at one phone can send a few; a script cannot flood. */
  perAddress: { hits: 5, windowSeconds: 3600 },
  /** Requests to one organisation per window from everyone: a flood stays bounded for the people triaging. */
  perOrganisation: { hits: 500, windowSeconds: 3600 },
  /** Status look-ups from one address per window (a code has 60 bits; this keeps guessing pointless). */
  lookupsPerAddress: { hits: 30, windowSeconds: 3600 },
} as const;

/** Rate-limit keys hold a hash of the address, not the address (where a person asked from is itself sensitive). */
const addressKey = (prefix: string, ip: string) =>
  `${prefix}:${createHash('sha256').update(`refuge-help:${ip}`).digest('base64url').slice(0, 22)}`;

const nextStepsContext = (id: string) => encryptionContext('help_requests', 'next_steps_enc', id);
const contentContext = (id: string) => encryptionContext('help_requests', 'content_enc', id);

const hashCode = (code: string) => createHash('sha256').update(`refuge-help-code:${code}`).digest('base64url');

async function limit(app: AppContext, key: string, rule: { hits: number; windowSeconds: number }): Promise<void> {
  const now = app.now();
  const hit = await asSystem(app.database, (trx) => hitRateLimit(trx, key, rule.windowSeconds, now));
  if (hit.hits > rule.hits)
    throw new TooManyRequests(
      Math.max(1, Math.ceil((Date.parse(hit.resetAt) - now.getTime()) / 1000)),
      'too many requests from here; please try again later',
    );
}

/** Stores the request (content encrypted) and returns the person's private code. */
export async function submitHelpRequest(
  app: AppContext,
  input: HelpRequestSubmission,
  ip: string,
): Promise<{ code: string }> {
  await limit(app, addressKey('help:ip', ip), HELP_LIMITS.perAddress);
  const content: HelpContent = {
    name: input.name || undefined,
    nationality: input.nationality || undefined,
    contact: input.contact,
    needs: [...new Set(input.needs)],
    location: input.location || undefined,
    message: input.message || undefined,
  };
  const signals = spamSignals(content, input.website);
  const code = formatCode(randomBytes(12));
  // A filled honeypot is a script: it gets a code like anyone (nothing tells it it was caught) and nothing is kept.
  if (signals.includes('honeypot')) return { code };
  const organisation = await asSystem(app.database, (trx) => organisationBySlug(trx, input.organisation));
  if (!organisation) throw notFound('the organisation in this link');
  await limit(app, `help:org:${organisation.id}`, HELP_LIMITS.perOrganisation);
  return asSystem(app.database, async (trx) => {
    const id = app.newId();
    const at = app.now().toISOString();
    const status = signals.length ? 'spam' : 'received';
    await insertHelpRequest(trx, {
      id,
      organisationId: organisation.id,
      language: input.language,
      status,
      codeHash: hashCode(code),
      contentEnc: app.cipher.encryptJson({ ...content, spamSignals: signals }, contentContext(id)),
      createdAt: at,
    });
    await audit(trx, app, null, 'help_request.create', 'help_request', id, {
      organisationId: organisation.id,
      language: input.language,
      flagged: signals.length > 0,
    });
    // "Received", to the contact they gave; a flagged request gets none (messageView), until staff move it on.
    const view = messageView(status, null);
    if (view)
      await queueHelpMessage(
        trx,
        app,
        null,
        { id, organisationId: organisation.id, language: input.language, contact: content.contact },
        'received',
        view,
      );
    return { code };
  });
}

/**
 * The status and next steps for a code, or 404 for any code that is not one: the same answer whatever else exists.
 * The limit is counted before the code is looked at, so a guesser is stopped whether its guesses are right or wrong.
 */
export async function helpRequestStatus(
  app: AppContext,
  rawCode: string,
  ip: string,
): Promise<{ status: HelpPublicStatus } & HelpNextSteps> {
  await limit(app, addressKey('help:lookup', ip), HELP_LIMITS.lookupsPerAddress);
  const code = normaliseCode(rawCode);
  if (!code) throw notFound('a request with this code');
  const row = await asSystem(app.database, (trx) => helpStatusByCodeHash(trx, hashCode(code)));
  if (!row) throw notFound('a request with this code');
  const next = row.nextStepsEnc
    ? app.cipher.decryptJson<HelpNextSteps>(row.nextStepsEnc, nextStepsContext(row.id))
    : null;
  return publicView(row.status, next);
}

/** The organisation's queue of help requests, decrypted for its staff; the read is audited with the ids shown. */
export async function helpRequestQueue(app: AppContext, actor: RequestActor): Promise<{ items: HelpRequestView[] }> {
  authorise(actor, 'read', 'case');
  return asActor(app.database, actor, async (trx) => {
    const rows = await listHelpRequests(trx, actor.organisationId, 200);
    const messages = await listOutboundMessages(
      trx,
      rows.map((r) => r.id),
    );
    const items = rows.map((r): HelpRequestView => {
      const c = app.cipher.decryptJson<HelpContent & { spamSignals?: string[] }>(r.contentEnc, contentContext(r.id));
      return {
        id: r.id,
        createdAt: r.createdAt,
        language: r.language,
        status: r.status,
        verified: false,
        name: c.name ?? null,
        nationality: c.nationality ?? null,
        contact: c.contact ?? null,
        needs: [...c.needs],
        location: c.location ?? null,
        message: c.message ?? null,
        spamSignals: c.spamSignals ?? [],
        ...(r.nextStepsEnc
          ? app.cipher.decryptJson<HelpNextSteps>(r.nextStepsEnc, nextStepsContext(r.id))
          : { place: null, flightDate: null }),
        // Delivery only: the text says what the status and next steps above say, and is not shown again.
        messages: messages
          .filter((m) => m.helpRequestId === r.id)
          .map((m) => ({
            id: m.id,
            reason: m.reason,
            status: m.status,
            attempts: m.attempts,
            createdAt: m.createdAt,
            sentAt: m.sentAt,
            nextAttemptAt: m.status === 'queued' ? m.nextAttemptAt : null,
            lastError: m.lastError,
          })),
      };
    });
    await audit(trx, app, actor, 'help_request.list', 'help_request', null, { ids: items.map((i) => i.id) });
    return { items };
  });
}

/**
 * Changes a request of the actor's organisation under a row lock and queues a message to the person's contact when
 * what their code shows changed (core/help/help-message.ts messageDue): the same change made twice queues one.
 */
async function changeAndTell(
  trx: Queryable,
  app: AppContext,
  actor: RequestActor,
  id: string,
  reason: OutboundReason,
  change: (before: { status: HelpRequestStatus; next: HelpNextSteps | null }) => Promise<{
    status: HelpRequestStatus;
    next: HelpNextSteps | null;
  }>,
): Promise<void> {
  const row = await lockHelpRequest(trx, id);
  if (!row) throw notFound('help request');
  const before = {
    status: row.status,
    next: row.nextStepsEnc ? app.cipher.decryptJson<HelpNextSteps>(row.nextStepsEnc, nextStepsContext(id)) : null,
  };
  const after = await change(before);
  const view = messageView(after.status, after.next);
  if (!messageDue(messageView(before.status, before.next), view) || !view) return;
  const { contact } = app.cipher.decryptJson<HelpContent>(row.contentEnc, contentContext(id));
  await queueHelpMessage(trx, app, actor, { ...row, contact }, reason, view);
}

export async function changeHelpRequestStatus(
  app: AppContext,
  actor: RequestActor,
  id: string,
  status: HelpRequestStatus,
): Promise<void> {
  authorise(actor, 'update', 'case');
  await asActor(app.database, actor, (trx) =>
    changeAndTell(trx, app, actor, id, 'status', async (before) => {
      if (!(await setHelpRequestStatus(trx, id, status, actor.userId, app.now().toISOString())))
        throw notFound('help request');
      await audit(trx, app, actor, 'help_request.status', 'help_request', id, { status });
      return { status, next: before.next };
    }),
  );
}

/** Tells the person behind the request where to go and their flight date (either may be cleared with null). */
export async function changeHelpRequestNextSteps(
  app: AppContext,
  actor: RequestActor,
  id: string,
  next: HelpNextStepsChange,
): Promise<void> {
  authorise(actor, 'update', 'case');
  await asActor(app.database, actor, (trx) =>
    changeAndTell(trx, app, actor, id, 'next_steps', async (before) => {
      const steps: HelpNextSteps = { place: next.place, flightDate: next.flightDate };
      const sealed = app.cipher.encryptJson(steps, nextStepsContext(id));
      if (!(await setHelpRequestNextSteps(trx, id, sealed, actor.userId, app.now().toISOString())))
        throw notFound('help request');
      // What was said stays sealed in the row; the audit says only which steps were given.
      await audit(trx, app, actor, 'help_request.next_steps', 'help_request', id, {
        place: next.place !== null,
        flightDate: next.flightDate !== null,
      });
      return { status: before.status, next: steps };
    }),
  );
}
