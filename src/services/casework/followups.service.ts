import { alertRank, type AlertSeverity } from '../../core/alerts/rank.ts';
import {
  evaluateFollowUps,
  type AlertDescriptor,
  type FollowUpEvaluation,
  type FollowUpOutcome,
} from '../../core/followups/evaluate.ts';
import { FOLLOW_UP_INTERVAL_DAYS, missedAfter, nextFollowUpDue } from '../../core/followups/schedule.ts';
import { DAY_MS } from '../../core/cases/clock.ts';
import type { CaseStatus, RiskLevel } from '../../core/vocabulary.ts';
import type { Message } from '../../core/message.ts';
import type { FollowUpView } from '../../contracts/casework/followups.ts';
import { ownPreferredNames } from './list-names.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { upsertAlerts } from '../../db/repositories/alerts.repository.ts';
import { caseUpdate, findCaseWithSurvivor, type CaseRow } from '../../db/repositories/casework/cases.repository.ts';
import {
  casesWithMissedFollowUps,
  findFollowUp,
  followUpCompletion,
  followUpsInsert,
  followUpsOfCase,
  insertFollowUps,
  listDueFollowUps,
  type FollowUpRow,
} from '../../db/repositories/casework/followups.repository.ts';
import { asActor, asSystem, type Tx } from '../../db/transaction.ts';
import { writeTogether } from '../../db/write-together.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { checkCompoundLink, recordCompoundSighting } from './compound-links.service.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import {
  authorise,
  caseEventWrite,
  decodeCursor,
  encodeCursor,
  loadVisibleCase,
  recordCaseEvent,
} from './access.service.ts';
import { applyRisk } from './cases.service.ts';

/**
 * Follow-up evaluation's three severities onto the alerts table's, ranked as alerts about a person
 * (core/alerts/rank.ts).
 */
const SEVERITY: Record<AlertDescriptor['severity'], { severity: AlertSeverity; rank: number }> = {
  urgent: { severity: 'urgent', rank: alertRank('urgent', { aboutAPerson: true }) },
  warning: { severity: 'high', rank: alertRank('high', { aboutAPerson: true }) },
  info: { severity: 'info', rank: alertRank('info', { aboutAPerson: true }) },
};

export interface CaseEvaluation {
  caseId: string;
  riskLevel: RiskLevel;
  riskRaised: boolean;
  suggestedStatus: CaseStatus | null;
  reasons: string[];
  reasonMessages: Message[];
  alertsRaised: string[];
  nextDueAt: string;
}

/**
 * Evaluates one case's follow-ups (core/followups) and stores what it says: a raised risk, alerts
 * for the case owner (upserted by dedupe key, so re-running changes nothing), and the next
 * check-in when none is open. A suggested status change is only suggested: a person confirms it.
 */
export async function evaluateCaseFollowUps(
  trx: Tx,
  app: AppContext,
  actor: RequestActor | null,
  kase: CaseRow,
): Promise<CaseEvaluation> {
  const now = app.now();
  const rows = await followUpsOfCase(trx, kase.id);
  const ev: FollowUpEvaluation = evaluateFollowUps(
    rows.map((f) => ({
      id: f.id,
      dueAt: f.dueAt,
      completedAt: f.completedAt,
      outcome: f.outcome,
    })),
    now,
    {
      caseId: kase.id,
      ownerOrganisationId: kase.organisationId,
      status: kase.status,
      currentRisk: kase.riskLevel,
      riskAtLastContact: kase.riskAtLastContact ?? undefined,
    },
  );
  if (ev.riskRaised) await applyRisk(trx, app, actor, kase, ev.suggestedRisk, 'follow_up');
  const raised: string[] = [];
  for (const a of ev.alerts) {
    const [stored] = await upsertAlerts(trx, [
      {
        id: app.newId(),
        kind: a.kind,
        organisationId: a.recipientOrganisationId,
        ...SEVERITY[a.severity],
        title: a.title,
        dedupeKey: a.dedupeKey,
        subjectType: 'case',
        subjectId: a.caseId,
        // The messages beside the English: the web words them in the reader's language.
        details: { reasons: a.reasons, titleMessage: a.titleMessage, reasonMessages: a.reasonMessages },
        at: now.toISOString(),
      },
    ]);
    if (stored?.inserted) {
      raised.push(a.kind);
      await recordCaseEvent(trx, app, actor, kase.id, timelineEvents.alertRaised(a.kind));
    }
  }
  const open = rows.filter((f) => !f.completedAt && !f.outcome && missedAfter(f.dueAt).getTime() >= now.getTime());
  if (open.length === 0 && kase.status !== 'closed') {
    const due = new Date(
      Math.max(Date.parse(ev.nextDueAt), now.getTime() + FOLLOW_UP_INTERVAL_DAYS[ev.suggestedRisk] * DAY_MS),
    );
    await insertFollowUps(trx, [
      {
        id: app.newId(),
        caseId: kase.id,
        organisationId: kase.organisationId,
        dueAt: due.toISOString(),
        completedAt: null,
        outcome: null,
        noteEnc: null,
        recordedBy: null,
        createdAt: now.toISOString(),
      },
    ]);
  }
  return {
    caseId: kase.id,
    riskLevel: ev.suggestedRisk,
    riskRaised: ev.riskRaised,
    suggestedStatus: ev.suggestedStatus,
    reasons: ev.reasons,
    reasonMessages: ev.reasonMessages,
    alertsRaised: raised,
    nextDueAt: ev.nextDueAt,
  };
}

function presentFollowUp(f: FollowUpRow, kase: Pick<CaseRow, 'riskLevel' | 'status'>, now: Date): FollowUpView {
  return {
    id: f.id,
    caseId: f.caseId,
    dueAt: f.dueAt,
    completedAt: f.completedAt,
    outcome: f.outcome,
    overdue: !f.completedAt && Date.parse(f.dueAt) < now.getTime(),
    caseRisk: kase.riskLevel,
    caseStatus: kase.status,
  };
}

export async function dueFollowUps(
  app: AppContext,
  actor: RequestActor,
  q: { before?: string; limit: number; cursor?: string },
): Promise<{ items: FollowUpView[]; nextCursor: string | null }> {
  authorise(actor, 'read', 'case');
  const after = decodeCursor(q.cursor, ['instant', 'uuid']);
  const now = app.now();
  const before = q.before ?? new Date(now.getTime() + DAY_MS).toISOString();
  const { rows, names } = await asActor(app.database, actor, async (trx) => {
    const rows = await listDueFollowUps(
      trx,
      actor.organisationId,
      before,
      q.limit,
      after ? { dueAt: String(after[0]), id: String(after[1]) } : undefined,
    );
    const names = await ownPreferredNames(
      trx,
      app,
      actor,
      rows.map((r) => r.survivorId),
      'followups_due',
    );
    return { rows, names };
  });
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      ...presentFollowUp(r, { riskLevel: r.caseRisk, status: r.caseStatus }, now),
      preferredName: names.get(r.survivorId) ?? null,
    })),
    nextCursor: rows.length === q.limit && last ? encodeCursor([last.dueAt, last.id]) : null,
  };
}

/** Records a check-in and re-evaluates the case: a reached survivor gets the next check-in scheduled by risk. */
export async function recordCheckIn(
  app: AppContext,
  actor: RequestActor,
  followUpId: string,
  input: { outcome: FollowUpOutcome; note?: string; compoundId?: string },
) {
  authorise(actor, 'update', 'case');
  if (input.compoundId && input.outcome !== 'seen_in_compound')
    throw invalid({ 'body.compoundId': 'only a "seen in a compound" outcome names a compound' });
  return asActor(app.database, actor, async (trx) => {
    const f = await findFollowUp(trx, followUpId, true);
    if (!f) throw notFound('follow-up');
    if (f.completedAt || f.outcome) throw conflict('this check-in is already recorded');
    const { kase, access } = await loadVisibleCase(trx, actor, f.caseId, 'update', 'case', true);
    if (access !== 'owner') throw forbidden('follow-ups belong to the organisation that owns the case');
    const now = app.now();
    const at = now.toISOString();
    if (input.compoundId) {
      await checkCompoundLink(trx, input.compoundId, 'body.compoundId');
      await recordCompoundSighting(trx, app, input.compoundId);
    }
    let next: FollowUpRow | null = null;
    if (input.outcome === 'reached') {
      next = {
        id: app.newId(),
        caseId: kase.id,
        organisationId: kase.organisationId,
        dueAt: nextFollowUpDue(now, kase.riskLevel).toISOString(),
        completedAt: null,
        outcome: null,
        noteEnc: null,
        recordedBy: null,
        createdAt: at,
      };
    }
    await writeTogether(trx, [
      followUpCompletion(
        trx,
        f.id,
        input.outcome,
        input.note ? app.cipher.encrypt(input.note, encryptionContext('follow_ups', 'note_enc', f.id)) : null,
        actor.userId,
        at,
      ),
      caseEventWrite(trx, app, actor, kase.id, timelineEvents.checkIn(input.outcome), at),
      // A reached survivor: the risk at this contact, and the next check-in scheduled by risk.
      next ? caseUpdate(trx, kase.id, { riskAtLastContact: kase.riskLevel, at }) : null,
      next ? followUpsInsert(trx, [next]) : null,
    ]);
    // The case as these writes left it, without reading it again: a reached survivor's risk at this contact.
    const fresh: CaseRow = next ? { ...kase, riskAtLastContact: kase.riskLevel } : kase;
    const evaluation = await evaluateCaseFollowUps(trx, app, actor, fresh);
    await audit(trx, app, actor, 'followup.checkin', 'case', kase.id, {
      followUpId: f.id,
      outcome: input.outcome,
      ...(input.compoundId ? { compoundId: input.compoundId } : {}),
      alerts: evaluation.alertsRaised,
    });
    // The evaluation changes the case's risk only when it raised it (applyRisk); the status is only suggested.
    const after = { ...fresh, riskLevel: evaluation.riskRaised ? evaluation.riskLevel : fresh.riskLevel };
    return {
      followUp: presentFollowUp({ ...f, completedAt: at, outcome: input.outcome }, after, now),
      evaluation,
      next: next ? presentFollowUp(next, after, now) : null,
    };
  });
}

const PAGE = 200;

/** On demand, for the actor's organisation: every case with a check-in past its grace period. */
export async function evaluateOrganisationFollowUps(app: AppContext, actor: RequestActor) {
  authorise(actor, 'update', 'case');
  const missedBefore = new Date(app.now().getTime() - 24 * 3_600_000).toISOString();
  let after: string | undefined;
  const totals = { casesEvaluated: 0, risksRaised: 0, alertsRaised: 0 };
  for (;;) {
    const ids = await asActor(app.database, actor, (trx) =>
      casesWithMissedFollowUps(trx, missedBefore, PAGE, after, actor.organisationId),
    );
    for (const id of ids) {
      const r = await asActor(app.database, actor, async (trx) => {
        const found = await findCaseWithSurvivor(trx, id, true);
        return found && found.kase.organisationId === actor.organisationId
          ? evaluateCaseFollowUps(trx, app, actor, found.kase)
          : null;
      });
      if (r) {
        totals.casesEvaluated++;
        totals.risksRaised += r.riskRaised ? 1 : 0;
        totals.alertsRaised += r.alertsRaised.length;
      }
    }
    if (ids.length < PAGE) break;
    after = ids[ids.length - 1];
  }
  await asActor(app.database, actor, (trx) =>
    audit(trx, app, actor, 'followup.evaluate', 'organisation', actor.organisationId, totals),
  );
  return totals;
}

/** The background job: every organisation, as the system (no user drives it), one case per transaction. */
export async function evaluateAllFollowUps(app: AppContext, progress?: (done: number) => Promise<void>) {
  const missedBefore = new Date(app.now().getTime() - 24 * 3_600_000).toISOString();
  let after: string | undefined;
  const totals = { casesEvaluated: 0, risksRaised: 0, alertsRaised: 0 };
  for (;;) {
    const ids = await asSystem(app.database, (trx) => casesWithMissedFollowUps(trx, missedBefore, PAGE, after));
    for (const id of ids) {
      const r = await asSystem(app.database, async (trx) => {
        const found = await findCaseWithSurvivor(trx, id, true);
        return found ? evaluateCaseFollowUps(trx, app, null, found.kase) : null;
      });
      if (r) {
        totals.casesEvaluated++;
        totals.risksRaised += r.riskRaised ? 1 : 0;
        totals.alertsRaised += r.alertsRaised.length;
      }
    }
    await progress?.(totals.casesEvaluated);
    if (ids.length < PAGE) break;
    after = ids[ids.length - 1];
  }
  await asSystem(app.database, (trx) => audit(trx, app, null, 'followup.evaluate', 'system', null, totals));
  return totals;
}
