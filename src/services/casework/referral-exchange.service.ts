/**
 * The exchange on a referral (issue #11): what the sender asked, replies from either side, and the
 * receiver's record of care. Entries are sealed at rest (referral_messages.body_enc); each side
 * reads them through core/disclosure discloseReferralThread, and row-level security keeps every
 * other organisation out. Reads are audited as survivor reads (the entries are about a person);
 * writes are audited without their text.
 */
import { mayPost, type ReferralMessageBody } from '../../core/referrals/exchange.ts';
import { referralSide, type ReferralSide } from '../../core/referrals/state.ts';
import { discloseReferralThread } from '../../core/disclosure/index.ts';
import type { PostReferralMessage, ReferralMessageView, ReferralThread } from '../../contracts/casework/index.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  insertReferralMessage,
  listReferralMessages,
  type ReferralMessageRow,
} from '../../db/repositories/casework/referral-messages.repository.ts';
import { findReferral, type ReferralRow } from '../../db/repositories/casework/referrals.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { authorise } from './access.service.ts';

const context = (id: string) => encryptionContext('referral_messages', 'body_enc', id);

/** Writes one entry on a referral inside the caller's transaction (the sender's request goes with createReferral). */
export async function writeReferralMessage(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  referral: Pick<ReferralRow, 'id' | 'fromOrganisationId' | 'toOrganisationId'>,
  kind: ReferralMessageRow['kind'],
  body: ReferralMessageBody,
): Promise<string> {
  const id = app.newId();
  await insertReferralMessage(trx, {
    id,
    referralId: referral.id,
    fromOrganisationId: referral.fromOrganisationId,
    toOrganisationId: referral.toOrganisationId,
    authorOrganisationId: actor.organisationId,
    authorUserId: actor.userId,
    kind,
    bodyEnc: app.cipher.encryptJson(body, context(id)),
    createdAt: app.now().toISOString(),
  });
  return id;
}

/** Like referrals.service: a role with scope `shared` reaches the referrals its organisation received. */
async function loadReferral(trx: Tx, actor: RequestActor, referralId: string, scope: string, forUpdate = false) {
  const row = await findReferral(trx, referralId, forUpdate);
  if (!row) throw notFound('referral');
  if (scope !== 'organisation' && scope !== 'all' && row.toOrganisationId !== actor.organisationId)
    throw notFound('referral');
  const side = referralSide(row, actor.organisationId);
  if (!side) throw notFound('referral');
  return { row, side };
}

function threadOf(
  app: AppContext,
  row: ReferralRow,
  side: ReferralSide,
  entries: ReferralMessageRow[],
): ReferralThread {
  const referral = { state: row.state, frozen: row.frozenAt !== null };
  const items = discloseReferralThread(
    side,
    referral,
    entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      authorSide: (e.authorOrganisationId === row.fromOrganisationId ? 'sender' : 'receiver') as ReferralSide,
      authorUserId: e.authorUserId,
      at: e.createdAt,
      body: () => app.cipher.decryptJson<ReferralMessageBody>(e.bodyEnc, context(e.id)),
    })),
  ).map((e): ReferralMessageView => ({
    id: e.id,
    kind: e.kind,
    authorSide: e.authorSide,
    mine: e.authorSide === side,
    at: e.at,
    text: e.body.text ?? null,
    asked: e.body.asked ?? null,
    careGiven: e.body.careGiven ?? null,
    outcome: e.body.outcome ?? null,
    nextStep: e.body.nextStep ?? null,
  }));
  return {
    items,
    canReply: mayPost(side, 'reply', referral, { text: '-' }).ok,
    canRecordCare: mayPost(side, 'care_record', referral, { careGiven: '-' }).ok,
  };
}

export async function getReferralThread(
  app: AppContext,
  actor: RequestActor,
  referralId: string,
): Promise<ReferralThread> {
  const scope = authorise(actor, 'read', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const { row, side } = await loadReferral(trx, actor, referralId, scope);
    const thread = threadOf(app, row, side, await listReferralMessages(trx, referralId));
    if (thread.items.length)
      await audit(trx, app, actor, 'survivor.read', 'referral', referralId, {
        view: 'referral_thread',
        entries: thread.items.length,
        ...(side === 'sender' ? { caseId: row.caseId } : {}),
      });
    return thread;
  });
}

export async function postReferralMessage(
  app: AppContext,
  actor: RequestActor,
  referralId: string,
  input: PostReferralMessage,
): Promise<ReferralThread> {
  const scope = authorise(actor, 'update', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const { row, side } = await loadReferral(trx, actor, referralId, scope, true);
    const body: ReferralMessageBody =
      input.kind === 'reply'
        ? { text: input.text }
        : { careGiven: input.careGiven ?? null, outcome: input.outcome ?? null, nextStep: input.nextStep ?? null };
    const allowed = mayPost(side, input.kind, { state: row.state, frozen: row.frozenAt !== null }, body);
    if (!allowed.ok) throw conflict(allowed.reason);
    const id = await writeReferralMessage(trx, app, actor, row, input.kind, body);
    await audit(trx, app, actor, `referral.${input.kind}`, 'referral', referralId, {
      entry: id,
      ...(input.kind === 'care_record' ? { outcome: input.outcome ?? null } : {}),
      ...(side === 'sender' ? { caseId: row.caseId } : {}),
    });
    return threadOf(app, row, side, await listReferralMessages(trx, referralId));
  });
}
