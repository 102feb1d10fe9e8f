import {
  evaluateScreening,
  SCREENING_RULE_TEXT,
  SCREENING_RULE_VERSION,
  type ScreeningAnswers,
} from '../../core/screening/evaluate.ts';
import { INDICATOR_DEFINITIONS } from '../../core/screening/indicators.ts';
import { withheldIndicators } from '../../core/triage/protection.ts';
import { SCREENING_INDICATORS, type ScreeningAnswer, type ScreeningIndicator } from '../../core/vocabulary.ts';
import type { ScreeningRequest, ScreeningView } from '../../contracts/casework/cases.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { screeningsInsert, type ScreeningRow } from '../../db/repositories/casework/records.repository.ts';
import { writeTogether } from '../../db/write-together.ts';
import { asActor } from '../../db/transaction.ts';
import { keepAnswer, type OnceKey } from '../idempotency.service.ts';
import { auditWrite } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import { authorise, caseEventWrite, loadVisibleCase } from './access.service.ts';

/** Answers as stored: yes/no/unknown in clear (for statistics), notes encrypted apart. */
function toAnswers(row: ScreeningRow, notes: Record<string, string>): ScreeningAnswers {
  return Object.fromEntries(
    Object.entries(row.answers).map(([k, answer]) => [
      k,
      { answer: answer as ScreeningAnswer, ...(notes[k] ? { note: notes[k] } : {}) },
    ]),
  );
}

export function presentScreening(app: AppContext, row: ScreeningRow): ScreeningView {
  const notes = row.notesEnc
    ? app.cipher.decryptJson<Record<string, string>>(row.notesEnc, encryptionContext('screenings', 'notes_enc', row.id))
    : {};
  const answers = toAnswers(row, notes);
  // Re-evaluated for the reasons; the stored outcome and rule version are what was decided at the time.
  const result = evaluateScreening(answers);
  return {
    id: row.id,
    caseId: row.caseId,
    answers: Object.fromEntries(
      SCREENING_INDICATORS.map((i) => [i, { answer: answers[i]?.answer ?? 'unknown', note: answers[i]?.note ?? null }]),
    ),
    outcome: row.outcome,
    reasons: result.reasons,
    reasonMessages: result.reasonMessages,
    rulesMet: row.rulesMet,
    drivingIndicators: result.drivingIndicators,
    counts: result.counts,
    ruleVersion: row.ruleVersion,
    ruleText: SCREENING_RULE_TEXT,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
  };
}

export function screeningRule() {
  return {
    ruleVersion: SCREENING_RULE_VERSION,
    ruleText: SCREENING_RULE_TEXT,
    indicators: SCREENING_INDICATORS.map((id: ScreeningIndicator) => ({
      id,
      label: INDICATOR_DEFINITIONS[id].label,
      strength: INDICATOR_DEFINITIONS[id].strength,
    })),
  };
}

/** Records a screening (a new version each time; the latest counts) with its outcome, rule version and reasons. */
export async function recordScreening(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  input: ScreeningRequest,
  once?: OnceKey,
): Promise<ScreeningView> {
  authorise(actor, 'create', 'screening');
  return asActor(app.database, actor, async (trx) => {
    const { access, survivor } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    if (access !== 'owner') throw forbidden('screenings belong to the organisation that owns the case');
    const answers: ScreeningAnswers = input.answers;
    // A protection protocol keeps some questions out of intake (core/triage/protection.ts): an answer or a note to
    // one of them from someone who is not a clinician is refused, and nothing is recorded.
    const asked = withheldIndicators(survivor.protectionFlags, actor.roles).filter(
      (i) => (answers[i]?.answer ?? 'unknown') !== 'unknown' || answers[i]?.note,
    );
    if (asked.length)
      throw invalid(
        Object.fromEntries(
          asked.map((i) => [`body.answers.${i}`, 'not asked at intake under this survivor’s protocol']),
        ),
        'this survivor’s protection protocol keeps these questions for a clinician; leave them unknown',
      );
    const result = evaluateScreening(answers);
    const id = app.newId();
    const at = app.now().toISOString();
    const notes = Object.fromEntries(
      Object.entries(input.answers)
        .filter(([, a]) => a?.note)
        .map(([k, a]) => [k, a!.note!]),
    );
    const row: ScreeningRow = {
      id,
      caseId,
      organisationId: actor.organisationId,
      answers: Object.fromEntries(SCREENING_INDICATORS.map((i) => [i, answers[i]?.answer ?? 'unknown'])),
      notesEnc: Object.keys(notes).length
        ? app.cipher.encryptJson(notes, encryptionContext('screenings', 'notes_enc', id))
        : null,
      outcome: result.outcome,
      ruleVersion: result.ruleVersion,
      rulesMet: result.rulesMet,
      recordedBy: actor.userId,
      recordedAt: at,
    };
    await writeTogether(trx, [
      screeningsInsert(trx, [row]),
      caseEventWrite(trx, app, actor, caseId, timelineEvents.screeningRecorded(result.outcome, result.counts.yes), at),
      auditWrite(trx, actor, 'case.screening', 'case', caseId, {
        screeningId: id,
        outcome: result.outcome,
        ruleVersion: result.ruleVersion,
      }),
    ]);
    return keepAnswer(trx, app, actor, once, 200, presentScreening(app, row));
  });
}
