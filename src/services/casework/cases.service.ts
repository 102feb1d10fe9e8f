import { nextCaseStatuses, transitionCase } from '../../core/cases/status.ts';
import { lowerRisk, raiseRisk, riskIndex } from '../../core/cases/risk.ts';
import { timelineEvents, type RiskCause } from '../../core/cases/timeline.ts';
import { discloseCase, type CaseAudience } from '../../core/disclosure/index.ts';
import type { CaseStatus, RiskLevel } from '../../core/vocabulary.ts';
import type { CaseListQuery, CaseSummary, CaseView } from '../../contracts/casework/cases.ts';
import { listCases, updateCase, type CaseRow } from '../../db/repositories/casework/cases.repository.ts';
import { consularRecordsOfCase } from '../../db/repositories/casework/consular.repository.ts';
import { latestScreening } from '../../db/repositories/casework/records.repository.ts';
import { refreshNeedsForCase } from '../../db/repositories/casework/needs.repository.ts';
import { isMember } from '../../db/repositories/casework/cases.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { checkVersion, conflict, forbidden, invalid } from '../errors.ts';
import {
  actingRole,
  actorOrganisation,
  authorise,
  coversNationalities,
  decodeCursor,
  encodeCursor,
  loadVisibleCase,
  recordCaseEvent,
} from './access.service.ts';
import { openIdentity } from './survivor-envelopes.service.ts';
import { survivorIndex } from '../matching/index-cache.ts';
import { preferredNameOf } from './survivor-presenter.ts';
import { EFFECTIVE_PRIORITY_SQL } from './triage-keys.ts';

/**
 * The case row as an audience may see it (core/disclosure discloseCase); services that only the owner reaches pass
 * own_organisation.
 */
export const presentCase = (c: CaseRow, audience: CaseAudience = 'own_organisation'): CaseView => ({
  ...discloseCase(audience, {
    id: c.id,
    survivorId: c.survivorId,
    organisationId: c.organisationId,
    status: c.status,
    riskLevel: c.riskLevel,
    assignedTo: c.assignedTo,
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
    nextStatuses: nextCaseStatuses(c.status),
  }),
  // How often the owner changed the case is the owner's (an embassy edits consular records, not the case row).
  version: audience === 'own_organisation' ? c.version : null,
});

/** The kinds of a search term, for the audit log: what was searched for is never written in clear. */
export function searchTermKinds(term: string): string[] {
  const kinds: string[] = [];
  if (/\p{L}/u.test(term)) kinds.push('name');
  if (term.replace(/\D/g, '').length >= 7) kinds.push('phone');
  if (/\p{L}/u.test(term) && /\d/.test(term)) kinds.push('document');
  if (CASE_REFERENCE.test(term)) kinds.push('reference');
  return kinds;
}
/** The start of a case id as shown on the case page (at least four hex digits). */
const CASE_REFERENCE = /^[0-9a-f][0-9a-f-]{3,35}$/i;

/**
 * A search's survivors, through the matching engine's keys over every survivor (names read across scripts, phone's
 * last seven digits, document number), and its case-reference prefix. Only the caller's row-level scope decides what
 * of it is returned: the keys' hits are never counted or shown.
 */
export async function searchFilter(
  app: AppContext,
  term: string,
): Promise<{ survivorIds: string[]; idPrefix: string | null }> {
  const index = await survivorIndex(app);
  return {
    survivorIds: [...index.search(term)],
    idPrefix: CASE_REFERENCE.test(term) ? term.toLowerCase() : null,
  };
}

/**
 * The organisation's cases, newest first (an embassy: consenting nationals it serves). The list
 * shows preferred names, so the page view is audited as one survivor.read listing their ids; a search
 * (`q`) is audited even when it finds nobody, with the kinds of its term and never the term.
 */
export async function listVisibleCases(
  app: AppContext,
  actor: RequestActor,
  q: CaseListQuery,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const scope = authorise(actor, 'read', 'case');
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  // Before the actor's transaction: the index reads new survivors as the system, on its own connection.
  const search = q.q ? await searchFilter(app, q.q) : undefined;
  return asActor(app.database, actor, async (trx) => {
    const org = await actorOrganisation(trx, actor);
    const ownScope = scope === 'organisation' || scope === 'all';
    const consular = coversNationalities(org);
    if (!ownScope && !consular) return { items: [], nextCursor: null };
    // An organisation with a consular queue lists its own registrations (walk-ins) and the consenting nationals it
    // covers; each row is disclosed to the audience it is reached as.
    const rows = await listCases(trx, {
      search,
      scope: consular
        ? {
            kind: 'embassy',
            nationalities: org.nationalitiesServed,
            organisationId: ownScope ? actor.organisationId : undefined,
          }
        : { kind: 'organisation', organisationId: actor.organisationId },
      statuses: q.status,
      risks: q.risk,
      nationalities: q.nationality,
      sexes: q.sex,
      ageBands: q.ageBand,
      registeredFrom: q.registeredFrom,
      registeredTo: q.registeredTo,
      assignedTo: q.assignedTo === 'me' ? actor.userId : q.assignedTo,
      limit: q.limit,
      after: after ? { openedAt: String(after[0]), id: String(after[1]) } : undefined,
    });
    const audienceOf = (organisationId: string) =>
      ownScope && organisationId === actor.organisationId ? ('own_organisation' as const) : ('embassy' as const);
    const items = rows.map(({ kase, survivor }): CaseSummary =>
      discloseCase(audienceOf(kase.organisationId), {
        id: kase.id,
        survivorId: kase.survivorId,
        organisationId: kase.organisationId,
        status: kase.status,
        riskLevel: kase.riskLevel,
        assignedTo: kase.assignedTo,
        openedAt: kase.openedAt,
        updatedAt: kase.updatedAt,
        preferredName: preferredNameOf(openIdentity(app, survivor)),
        sex: survivor.sex,
        ageBand: survivor.ageBand,
        nationalities: survivor.nationalities,
        documentStatus: survivor.documentStatus,
      }),
    );
    if (items.length || q.q)
      await audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: q.q ? 'case_search' : 'case_list',
        ...(q.q ? { searchKinds: searchTermKinds(q.q) } : {}),
        survivorIds: items.map((i) => i.survivorId),
      });
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor: rows.length === q.limit && last ? encodeCursor([last.kase.openedAt, last.kase.id]) : null,
    };
  });
}

async function travelDocumentReady(trx: Tx, caseId: string, documentStatus: string): Promise<boolean> {
  if (documentStatus === 'held') return true;
  return (await consularRecordsOfCase(trx, caseId)).some((r) => r.emergencyDocumentStatus === 'issued');
}

/** Sets a case's risk, keeps the needs' triage copies current and writes the timeline entry. */
export async function applyRisk(
  trx: Tx,
  app: AppContext,
  actor: RequestActor | null,
  kase: CaseRow,
  to: RiskLevel,
  cause: RiskCause,
  reason?: string,
): Promise<void> {
  if (to === kase.riskLevel) return;
  const at = app.now().toISOString();
  await updateCase(trx, kase.id, { riskLevel: to, at });
  await refreshNeedsForCase(trx, kase.id, to, EFFECTIVE_PRIORITY_SQL);
  await recordCaseEvent(trx, app, actor, kase.id, timelineEvents.riskChanged(kase.riskLevel, to, cause, reason), at);
}

/** Moves a case along core/cases' status machine; refused moves leave everything unchanged (409). */
export async function changeCaseStatus(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  next: CaseStatus,
  reason?: string,
  expectedVersion?: number,
): Promise<CaseView> {
  return asActor(app.database, actor, async (trx) => {
    const { kase, survivor, access } = await loadVisibleCase(trx, actor, caseId, 'update', 'case', true);
    if (access !== 'owner')
      throw forbidden(
        'only the organisation that owns the case changes its status (embassies record consular steps)',
        'owner_only',
      );
    checkVersion('case', kase.version, expectedVersion);
    const current = kase.status;
    const result = transitionCase(current, next, {
      actorRole: actingRole(actor),
      reason,
      screeningRecorded: next === 'assessed' ? !!(await latestScreening(trx, caseId)) : undefined,
      travelDocumentReady:
        next === 'awaiting_travel' ? await travelDocumentReady(trx, caseId, survivor.documentStatus) : undefined,
    });
    if (!result.ok) throw conflict(result.reason);
    const at = app.now().toISOString();
    await updateCase(trx, caseId, { status: next, at });
    await recordCaseEvent(trx, app, actor, caseId, timelineEvents.statusChanged(current, next, reason), at);
    if (next === 'lost_contact')
      await applyRisk(trx, app, actor, kase, raiseRisk(kase.riskLevel, { kind: 'lost_contact' }), 'contact_lost');
    await audit(trx, app, actor, 'case.status', 'case', caseId, { from: current, to: next });
    const updated = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    return presentCase(updated.kase);
  });
}

/** Raising risk needs no reason; lowering does (core/cases lowerRisk). */
export async function changeCaseRisk(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  to: RiskLevel,
  reason?: string,
  expectedVersion?: number,
): Promise<CaseView> {
  return asActor(app.database, actor, async (trx) => {
    const { kase, access } = await loadVisibleCase(trx, actor, caseId, 'update', 'case', true);
    if (access !== 'owner') throw forbidden('only the organisation that owns the case sets its risk', 'owner_only');
    checkVersion('case', kase.version, expectedVersion);
    const current = kase.riskLevel;
    if (to === current) throw conflict(`risk is already ${current}`);
    if (riskIndex(to) < riskIndex(current)) {
      const lowered = lowerRisk(current, to, reason);
      if (!lowered.ok) throw invalid({ 'body.reason': lowered.reason }, lowered.reason);
    }
    const level = riskIndex(to) > riskIndex(current) ? raiseRisk(current, { kind: 'assessment', level: to }) : to;
    await applyRisk(trx, app, actor, kase, level, 'assessment', reason);
    await audit(trx, app, actor, 'case.risk', 'case', caseId, { from: current, to: level });
    return presentCase((await loadVisibleCase(trx, actor, caseId, 'read', 'case')).kase);
  });
}

export async function assignCase(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  assignedTo: string | null,
  expectedVersion?: number,
): Promise<CaseView> {
  return asActor(app.database, actor, async (trx) => {
    const { kase, access } = await loadVisibleCase(trx, actor, caseId, 'update', 'case', true);
    if (access !== 'owner') throw forbidden('only the organisation that owns the case assigns it', 'owner_only');
    checkVersion('case', kase.version, expectedVersion);
    if (assignedTo && !(await isMember(trx, assignedTo, kase.organisationId)))
      throw invalid({ 'body.assignedTo': 'not a member of your organisation' });
    const at = app.now().toISOString();
    await updateCase(trx, caseId, { assignedTo, at });
    await recordCaseEvent(trx, app, actor, caseId, timelineEvents.assignmentChanged(!!assignedTo), at);
    await audit(trx, app, actor, 'case.assign', 'case', caseId, { assignedTo });
    return presentCase((await loadVisibleCase(trx, actor, caseId, 'read', 'case')).kase);
  });
}
