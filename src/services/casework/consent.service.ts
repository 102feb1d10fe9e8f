import {
  applyConsentChange,
  type ConsentHistory,
  type ConsentMethod,
  type ConsentVersion,
} from '../../core/consent/versioned.ts';
import type { ConsentFlagsInput, ConsentHistoryView, ConsentVersionView } from '../../contracts/casework/survivors.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import { consentCovers, LIVE_REFERRAL_STATES } from '../../core/disclosure/index.ts';
import type { ReferralState } from '../../core/vocabulary.ts';
import { findCaseBySurvivor, findOrganisations } from '../../db/repositories/casework/cases.repository.ts';
import { referralsOfSurvivor, setReferralFrozen } from '../../db/repositories/casework/referrals.repository.ts';
import {
  findSurvivorOrganisation,
  insertConsentVersions,
  listConsentVersions,
  lockSurvivor,
  setSurvivorConsent,
  type ConsentVersionRow,
} from '../../db/repositories/survivors.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import type { Scope } from '../../core/vocabulary.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { authorise, recordCaseEvent } from './access.service.ts';

const present = (v: ConsentVersionRow): ConsentVersionView => ({
  version: v.version,
  shareWithOwnEmbassy: v.shareWithOwnEmbassy,
  shareWithOrganisationIds: v.shareWithOrganisationIds,
  useInStatistics: v.useInStatistics,
  crossOrganisationMatching: v.crossOrganisationMatching ?? false,
  embassyNationalities: v.embassyNationalities ?? null,
  testimonyToMonitoring: v.testimonyToMonitoring ?? false,
  method: v.method as ConsentMethod,
  at: v.at,
  recordedBy: v.recordedBy,
  organisationId: v.organisationId,
  changes: v.changes,
});

const toHistory = (rows: readonly ConsentVersionRow[]): ConsentHistory =>
  rows.map((v): ConsentVersion => ({
    version: v.version,
    at: v.at,
    method: v.method as ConsentMethod,
    changes: v.changes,
    actor: { userId: v.recordedBy ?? '', organisationId: v.organisationId },
    flags: {
      shareWithOwnEmbassy: v.shareWithOwnEmbassy,
      shareWithOrganisationIds: [...v.shareWithOrganisationIds].sort(),
      useInStatistics: v.useInStatistics,
      crossOrganisationMatching: v.crossOrganisationMatching ?? false,
      ...(v.embassyNationalities ? { embassyNationalities: v.embassyNationalities } : {}),
      testimonyToMonitoring: v.testimonyToMonitoring ?? false,
    },
  }));

/**
 * Only the organisation that registered the survivor reads and records consent (row-level security
 * agrees: survivors_own_org), and only through a role whose scope covers the organisation's own
 * records: a medic or consular officer (scope `shared`) works on what is shared with them, not on
 * the consent of every survivor their organisation holds.
 */
async function ownSurvivor(trx: Tx, actor: RequestActor, survivorId: string, scope: Scope) {
  const row = await findSurvivorOrganisation(trx, survivorId);
  if (!row || row.organisationId !== actor.organisationId) throw notFound('survivor');
  if (scope !== 'organisation' && scope !== 'all')
    throw forbidden('your role may not work on consent records', 'role_may_not');
  return row;
}

export async function consentHistory(
  app: AppContext,
  actor: RequestActor,
  survivorId: string,
): Promise<ConsentHistoryView> {
  const scope = authorise(actor, 'read', 'survivor');
  return asActor(app.database, actor, async (trx) => {
    await ownSurvivor(trx, actor, survivorId, scope);
    const rows = await listConsentVersions(trx, survivorId);
    await audit(trx, app, actor, 'survivor.read', 'survivor', survivorId, { view: 'consent' });
    const history = rows.map(present);
    return { survivorId, current: history[history.length - 1] ?? null, history };
  });
}

/**
 * Records the survivor's consent as given now: a new version (core/consent applyConsentChange),
 * never an edit. It takes effect everywhere in the same transaction: the current flags are copied
 * onto the survivor row, which the embassy policy reads (withdrawing own-embassy consent hides the
 * case from the embassy at once), and every live referral is re-judged with core/disclosure
 * consentCovers — one the new consent no longer covers is frozen (the receiver loses the person
 * view, contact included, and cannot act on it), one covered again is thawed.
 */
export async function changeConsent(
  app: AppContext,
  actor: RequestActor,
  survivorId: string,
  input: ConsentFlagsInput,
): Promise<ConsentHistoryView> {
  const scope = authorise(actor, 'update', 'survivor');
  return asActor(app.database, actor, async (trx) => {
    await ownSurvivor(trx, actor, survivorId, scope);
    await lockSurvivor(trx, survivorId);
    const rows = await listConsentVersions(trx, survivorId);
    const history = toHistory(rows);
    const prev = history.at(-1)?.flags.shareWithOrganisationIds ?? [];
    const wanted = [...new Set(input.shareWithOrganisationIds)];
    const orgs = await findOrganisations(trx, wanted);
    const fields: Record<string, string> = {};
    input.shareWithOrganisationIds.forEach((id, i) => {
      if (!orgs.has(id)) fields[`body.shareWithOrganisationIds.${i}`] = 'no such organisation';
    });
    if (Object.keys(fields).length) throw invalid(fields);
    const result = applyConsentChange(
      history,
      {
        shareWithOwnEmbassy: input.shareWithOwnEmbassy,
        useInStatistics: input.useInStatistics,
        crossOrganisationMatching: input.crossOrganisationMatching,
        // Absent keeps the current choice (clients that predate consent per nationality); null resets to all.
        embassyNationalities: input.embassyNationalities,
        testimonyToMonitoring: input.testimonyToMonitoring,
        method: input.method,
        addOrganisationIds: wanted.filter((id) => !prev.includes(id)),
        removeOrganisationIds: prev.filter((id) => !wanted.includes(id)),
      },
      { userId: actor.userId, organisationId: actor.organisationId },
      app.now(),
    );
    if (!result.ok) throw conflict(result.reason);
    const v = result.current;
    const row: ConsentVersionRow = {
      survivorId,
      version: v.version,
      organisationId: actor.organisationId,
      recordedBy: actor.userId,
      at: v.at,
      method: v.method,
      shareWithOwnEmbassy: v.flags.shareWithOwnEmbassy,
      shareWithOrganisationIds: [...v.flags.shareWithOrganisationIds],
      useInStatistics: v.flags.useInStatistics,
      changes: [...v.changes],
      crossOrganisationMatching: v.flags.crossOrganisationMatching,
      embassyNationalities: v.flags.embassyNationalities ? [...v.flags.embassyNationalities] : null,
      testimonyToMonitoring: v.flags.testimonyToMonitoring,
    };
    await insertConsentVersions(trx, [row]);
    await setSurvivorConsent(trx, survivorId, row);
    const kase = await findCaseBySurvivor(trx, survivorId, actor.organisationId);
    if (kase)
      await recordCaseEvent(trx, app, actor, kase.id, timelineEvents.consentChanged(v.version, v.changes), v.at);
    const live = (await referralsOfSurvivor(trx, survivorId)).filter(
      (r) => r.fromOrganisationId === actor.organisationId && LIVE_REFERRAL_STATES.includes(r.state as ReferralState),
    );
    for (const r of live) {
      const covered = consentCovers(v.flags, {
        toOrganisationId: r.toOrganisationId,
        consentBasis: r.consentBasis,
        state: r.state as ReferralState,
      });
      if (covered === (r.frozenAt === null)) continue;
      await setReferralFrozen(trx, r.id, covered ? null : v.at, v.at);
      await recordCaseEvent(
        trx,
        app,
        actor,
        r.caseId,
        timelineEvents.referralFrozen(r.toOrganisationId, !covered),
        v.at,
      );
      await audit(trx, app, actor, covered ? 'referral.thawed' : 'referral.frozen', 'referral', r.id, {
        caseId: r.caseId,
        consentVersion: v.version,
      });
    }
    await audit(trx, app, actor, 'survivor.consent', 'survivor', survivorId, {
      version: v.version,
      changes: v.changes,
      method: v.method,
    });
    const current = present(row);
    return { survivorId, current, history: [...rows.map(present), current] };
  });
}
