import { canRefer, REFERRAL_OVERRIDE_PERMISSION } from '../../core/referrals/can-refer.ts';
import {
  closedOnCompletion,
  discloseReferral,
  presentForReferral,
  presentReferredNeed,
  receiverMaySetNeed,
  receiverReadsNeeds,
  type ReferralView as CoreReferralView,
} from '../../core/disclosure/index.ts';
import { timelineEvents, type TimelineEvent } from '../../core/cases/timeline.ts';
import { REFERRAL_TRANSITIONS, referralSide, transitionReferral } from '../../core/referrals/state.ts';
import { can } from '../../core/permissions/matrix.ts';
import type { ContactChannel, NeedStatus, ReferralState, Scope } from '../../core/vocabulary.ts';
import type { CreateReferralRequest, ReferralView } from '../../contracts/casework/referrals.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { findOrganisations, type OrganisationInfo } from '../../db/repositories/casework/cases.repository.ts';
import { listNeedsOfCase } from '../../db/repositories/casework/needs.repository.ts';
import {
  findReferral,
  referralsInsert,
  listReferrals,
  receiverCaseEvent,
  receiverSetNeed,
  referredNeeds,
  referralStateUpdate,
  type ReferralRow,
} from '../../db/repositories/casework/referrals.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { writeTogether } from '../../db/write-together.ts';
import { audit, auditWrite } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { authorise, caseEventWrite, decodeCursor, encodeCursor, loadVisibleCase } from './access.service.ts';
import { writeReferralMessage } from './referral-exchange.service.ts';
import { openIdentity } from './survivor-envelopes.service.ts';
import { preferredNameOf } from './survivor-presenter.ts';

const orgRef = (o: OrganisationInfo | undefined, id: string) => ({
  id,
  name: o?.name ?? 'unknown organisation',
  kind: o?.kind ?? 'ngo',
});

function nextStatesFor(row: ReferralRow, organisationId: string): ReferralState[] {
  const side = referralSide(
    { fromOrganisationId: row.fromOrganisationId, toOrganisationId: row.toOrganisationId },
    organisationId,
  );
  // A frozen referral waits for the survivor's consent: the receiver cannot act on it, the sender may still revoke it.
  if (row.frozenAt && side === 'receiver') return [];
  return REFERRAL_TRANSITIONS.filter((t) => t.from === row.state && t.by === side).map((t) => t.to);
}

const sealReason = (app: AppContext, referralId: string, reason: string | null): string | null =>
  reason ? app.cipher.encrypt(reason, encryptionContext('referrals', 'state_reason_enc', referralId)) : null;

/**
 * Presents a referral for one side, through core/disclosure discloseReferral: the receiver gets
 * `person` (the snapshot taken when it was sent) only while the referral is live and not frozen,
 * and nothing of the case; a state's reason is shown only to the side that wrote it.
 */
export function presentReferral(
  app: AppContext,
  row: ReferralRow,
  viewerOrganisationId: string,
  orgs: Map<string, OrganisationInfo>,
): ReferralView {
  const incoming = row.toOrganisationId === viewerOrganisationId;
  const shown = discloseReferral<CoreReferralView>(incoming ? 'referral_receiver' : 'own_organisation', {
    state: row.state,
    frozen: row.frozenAt !== null,
    caseId: row.caseId,
    survivorId: row.survivorId,
    needIds: row.needIds,
    consentBasis: row.consentBasis,
    reason: () =>
      row.stateReasonEnc
        ? app.cipher.decrypt(row.stateReasonEnc, encryptionContext('referrals', 'state_reason_enc', row.id))
        : null,
    person: () =>
      app.cipher.decryptJson<CoreReferralView>(row.viewEnc, encryptionContext('referrals', 'view_enc', row.id)),
  });
  return {
    id: row.id,
    direction: incoming ? ('incoming' as const) : ('outgoing' as const),
    state: row.state,
    frozen: row.frozenAt !== null,
    fromOrganisation: orgRef(orgs.get(row.fromOrganisationId), row.fromOrganisationId),
    toOrganisation: orgRef(orgs.get(row.toOrganisationId), row.toOrganisationId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    nextStates: nextStatesFor(row, viewerOrganisationId),
    ...shown,
    consentBasis: shown.consentBasis as ReferralView['consentBasis'],
  };
}

export async function createReferral(
  app: AppContext,
  actor: RequestActor,
  input: CreateReferralRequest,
): Promise<ReferralView> {
  authorise(actor, 'create', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const { kase, survivor, access } = await loadVisibleCase(trx, actor, input.caseId, 'read', 'case', true);
    if (access !== 'owner') throw forbidden('only the organisation that owns the case refers it', 'owner_only');
    if (input.toOrganisationId === actor.organisationId)
      throw invalid({ 'body.toOrganisationId': 'cannot refer to your own organisation' });
    const orgs = await findOrganisations(trx, [input.toOrganisationId, actor.organisationId]);
    const to = orgs.get(input.toOrganisationId);
    if (!to) throw invalid({ 'body.toOrganisationId': 'no such organisation' });
    const needs = await listNeedsOfCase(trx, kase.id);
    const unknownNeeds = input.needIds
      .map((id, i) => [id, i] as const)
      .filter(([id]) => !needs.some((n) => n.id === id));
    if (unknownNeeds.length)
      throw invalid(Object.fromEntries(unknownNeeds.map(([, i]) => [`body.needIds.${i}`, 'not a need of this case'])));

    const decision = canRefer({
      consent: {
        shareWithOwnEmbassy: survivor.consentOwnEmbassy,
        shareWithOrganisationIds: survivor.consentOrganisationIds,
        useInStatistics: survivor.consentStatistics,
        crossOrganisationMatching: survivor.consentCrossOrgMatching,
        testimonyToMonitoring: survivor.consentTestimony,
      },
      survivorNationalities: survivor.nationalities,
      toOrganisation: { id: to.id, kind: to.kind, servesNationalities: to.nationalitiesServed },
      userPermissions: can(actor.roles, 'override_consent', 'referral') ? [REFERRAL_OVERRIDE_PERMISSION] : [],
      overrideReason: input.overrideReason,
    });
    if (!decision.ok) throw forbidden(decision.reason);

    const id = app.newId();
    const at = app.now().toISOString();
    const identity = openIdentity(app, survivor);
    const person = presentForReferral(
      {
        preferredName: preferredNameOf(identity),
        sex: survivor.sex,
        ageBand: survivor.ageBand,
        nationalities: survivor.nationalities,
        languages: survivor.languages,
        contactChannels: identity.contacts,
        documentStatus: survivor.documentStatus,
      },
      { needs: needs.map((n) => ({ id: n.id, kind: n.kind, priority: n.priority })) },
      { id, needIds: input.needIds, shareContactChannel: (input.shareContactChannel ?? null) as ContactChannel | null },
    );
    const row: ReferralRow = {
      id,
      caseId: kase.id,
      survivorId: survivor.id,
      fromOrganisationId: actor.organisationId,
      toOrganisationId: to.id,
      needIds: [...new Set(input.needIds)],
      state: 'sent',
      consentBasis: decision.override ? 'override' : decision.basis,
      shareContactChannel: input.shareContactChannel ?? null,
      viewEnc: app.cipher.encryptJson(person, encryptionContext('referrals', 'view_enc', id)),
      stateReasonEnc: null,
      frozenAt: null,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    };
    await writeTogether(trx, [
      referralsInsert(trx, [row]),
      caseEventWrite(trx, app, actor, kase.id, timelineEvents.referralSent(to.id, !!decision.override), at),
      auditWrite(trx, actor, 'referral.create', 'referral', id, {
        caseId: kase.id,
        to: to.id,
        needIds: row.needIds,
        basis: row.consentBasis,
      }),
      decision.override
        ? auditWrite(trx, actor, 'referral.consent_override', 'referral', id, {
            caseId: kase.id,
            to: to.id,
            reason: decision.overrideReason,
          })
        : null,
    ]);
    if (input.asked || input.message)
      await writeReferralMessage(trx, app, actor, row, 'request', {
        asked: input.asked ?? null,
        text: input.message ?? null,
      });
    return presentReferral(app, row, actor.organisationId, orgs);
  });
}

/**
 * A role whose scope is `shared` (medic, consular officer) reaches the referrals its organisation
 * received, not the ones its organisation sent: those are the organisation's own casework.
 */
function withinScope(row: ReferralRow | undefined, actor: RequestActor, scope: Scope): row is ReferralRow {
  if (!row) return false;
  return scope === 'organisation' || scope === 'all' || row.toOrganisationId === actor.organisationId;
}

export async function changeReferralState(
  app: AppContext,
  actor: RequestActor,
  referralId: string,
  next: ReferralState,
  reason?: string,
): Promise<ReferralView> {
  const scope = authorise(actor, 'update', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const row = await findReferral(trx, referralId, true);
    if (!withinScope(row, actor, scope)) throw notFound('referral');
    const side = referralSide(
      { fromOrganisationId: row.fromOrganisationId, toOrganisationId: row.toOrganisationId },
      actor.organisationId,
    );
    const result = transitionReferral(row.state, next, side, reason);
    if (!result.ok) throw conflict(result.reason);
    if (row.frozenAt && side === 'receiver')
      throw conflict("the survivor's consent no longer covers this referral; it is frozen");
    const at = app.now().toISOString();
    const reasonEnc = sealReason(app, referralId, reason?.trim() || null);
    // The timeline belongs to the sender's case: the sender writes to it directly, in the same statement as the new
    // state and the audit entry; the receiver through the curated database function (structured line, no free text),
    // so the referrer sees accepted and completed. Completing closes the referred needs still open (core/disclosure
    // receiver-care), each with its own line.
    await writeTogether(trx, [
      referralStateUpdate(trx, referralId, next, reasonEnc, at),
      side === 'sender'
        ? caseEventWrite(trx, app, actor, row.caseId, timelineEvents.referralUpdated(row.toOrganisationId, next), at)
        : null,
      auditWrite(trx, actor, `referral.${next}`, 'referral', referralId, {
        from: row.state,
        to: next,
        caseId: side === 'sender' ? row.caseId : undefined,
      }),
    ]);
    const orgs = await findOrganisations(trx, [row.fromOrganisationId, row.toOrganisationId]);
    if (side === 'receiver') {
      await receiverLine(trx, app, referralId, timelineEvents.referralUpdated(row.toOrganisationId, next), at);
      if (next === 'completed') {
        for (const need of closedOnCompletion(await referredNeeds(trx, referralId))) {
          const kind = await receiverSetNeed(trx, referralId, need.id, 'met', at);
          if (kind) await receiverLine(trx, app, referralId, timelineEvents.needUpdated(kind, { status: 'met' }), at);
        }
      }
    }
    return withCare(
      trx,
      presentReferral(
        app,
        { ...row, state: next, stateReasonEnc: reasonEnc, updatedAt: at },
        actor.organisationId,
        orgs,
      ),
    );
  });
}

async function receiverLine(
  trx: Tx,
  app: AppContext,
  referralId: string,
  event: TimelineEvent,
  at: string,
): Promise<void> {
  const ok = await receiverCaseEvent(trx, referralId, {
    id: app.newId(),
    kind: event.kind,
    params: { ...event.params },
    at,
  });
  if (!ok) throw notFound('referral');
}

/** The receiver's view adds the referred needs (id, kind, priority, status) while it may read them. */
async function withCare(trx: Tx, view: ReferralView): Promise<ReferralView> {
  if (view.direction !== 'incoming' || !receiverReadsNeeds({ state: view.state, frozen: view.frozen })) return view;
  return { ...view, referredNeeds: (await referredNeeds(trx, view.id)).map(presentReferredNeed) };
}

/**
 * The receiver records the care it gives on one referred need (in_progress, met), through the curated database
 * function: it never reads or writes the case. Anyone but the receiver gets 404; a referral that is not accepted, a
 * frozen one or a status the receiver may not set gets 409, nothing changed.
 */
export async function recordReferredCare(
  app: AppContext,
  actor: RequestActor,
  referralId: string,
  needId: string,
  status: NeedStatus,
): Promise<ReferralView> {
  authorise(actor, 'update', 'need');
  const scope = authorise(actor, 'update', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const row = await findReferral(trx, referralId, true);
    if (!withinScope(row, actor, scope) || row.toOrganisationId !== actor.organisationId) throw notFound('referral');
    const needs = await referredNeeds(trx, referralId);
    const decision = receiverMaySetNeed(
      { state: row.state, frozen: row.frozenAt !== null },
      needs.find((n) => n.id === needId),
      status,
    );
    if (!decision.ok) throw decision.notFound ? notFound('need') : conflict(decision.reason);
    const at = app.now().toISOString();
    const kind = await receiverSetNeed(trx, referralId, needId, status, at);
    if (!kind) throw conflict('the need could not be changed');
    await receiverLine(trx, app, referralId, timelineEvents.needUpdated(kind, { status }), at);
    await audit(trx, app, actor, 'need.care', 'referral', referralId, { needId, status });
    const orgs = await findOrganisations(trx, [row.fromOrganisationId, row.toOrganisationId]);
    return withCare(trx, presentReferral(app, { ...row, updatedAt: at }, actor.organisationId, orgs));
  });
}

export async function getReferral(app: AppContext, actor: RequestActor, referralId: string): Promise<ReferralView> {
  const scope = authorise(actor, 'read', 'referral');
  return asActor(app.database, actor, async (trx) => {
    const row = await findReferral(trx, referralId);
    if (!withinScope(row, actor, scope)) throw notFound('referral');
    const orgs = await findOrganisations(trx, [row.fromOrganisationId, row.toOrganisationId]);
    const view = await withCare(trx, presentReferral(app, row, actor.organisationId, orgs));
    if (view.person) await audit(trx, app, actor, 'survivor.read', 'referral', referralId, { view: 'referral' });
    return view;
  });
}

export async function listReferralsFor(
  app: AppContext,
  actor: RequestActor,
  q: { direction: 'incoming' | 'outgoing'; state?: ReferralState[]; limit: number; cursor?: string },
): Promise<{ items: ReferralView[]; nextCursor: string | null }> {
  const scope = authorise(actor, 'read', 'referral');
  // A role with scope `shared` sees the referrals its organisation received; the sent ones are not shared with it.
  if (q.direction === 'outgoing' && scope !== 'organisation' && scope !== 'all') return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  return asActor(app.database, actor, async (trx) => {
    const rows = await listReferrals(trx, {
      organisationId: actor.organisationId,
      direction: q.direction,
      states: q.state,
      limit: q.limit,
      after: after ? { createdAt: String(after[0]), id: String(after[1]) } : undefined,
    });
    const orgs = await findOrganisations(
      trx,
      rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]),
    );
    const items = rows.map((r) => presentReferral(app, r, actor.organisationId, orgs));
    const shown = items.filter((i) => i.person).map((i) => i.id);
    if (shown.length)
      await audit(trx, app, actor, 'survivor.read', 'referral', null, { view: 'referral_list', referralIds: shown });
    const last = rows[rows.length - 1];
    return { items, nextCursor: rows.length === q.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
  });
}
