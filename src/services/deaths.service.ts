/**
 * Deaths reported in a compound or after exit (core/deaths): restricted events of the recording organisation, read
 * back by it alone (audited), and counted across organisations only through the suppression code.
 */
import { deathFigures, deathReportProblem } from '../core/deaths/deaths.ts';
import { MINIMUM_CELL } from '../core/statistics/suppression.ts';
import type { DeathFiguresView, DeathReportCreate, DeathReportView } from '../contracts/tracing.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import { countDeathsByContext, insertDeathReport, listDeathReports } from '../db/repositories/deaths.repository.ts';
import { findCompound } from '../db/repositories/monitoring/compounds.repository.ts';
import { findOwnSurvivorIdentities } from '../db/repositories/survivors.repository.ts';
import { asActor, asSystem } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import { actorOrganisation, authorise } from './casework/access.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { invalid, notFound } from './errors.ts';

const LIST_LIMIT = 500;

export async function recordDeath(
  app: AppContext,
  actor: RequestActor,
  input: DeathReportCreate,
): Promise<DeathReportView> {
  authorise(actor, 'create', 'death');
  const problem = deathReportProblem(input);
  if (problem) throw invalid({ context: problem });
  const id = app.newId();
  const createdAt = app.now().toISOString();
  await asActor(app.database, actor, async (trx) => {
    if (input.compoundId && !(await findCompound(trx, input.compoundId)))
      throw invalid({ compoundId: 'no such compound' });
    if (
      input.survivorId &&
      (await findOwnSurvivorIdentities(trx, actor.organisationId, [input.survivorId])).length === 0
    )
      throw notFound('survivor');
    await insertDeathReport(trx, {
      id,
      organisationId: actor.organisationId,
      context: input.context,
      compoundId: input.compoundId,
      survivorId: input.survivorId,
      day: input.day,
      nationality: input.nationality,
      detailsEnc: input.details
        ? app.cipher.encryptJson({ details: input.details }, encryptionContext('death_reports', 'details_enc', id))
        : null,
      createdAt,
      createdBy: actor.userId,
    });
    await audit(trx, app, actor, 'death.record', 'death_report', id, {
      context: input.context,
      compoundId: input.compoundId,
      survivorId: input.survivorId,
    });
  });
  return { id, ...input, createdAt };
}

export async function listDeaths(app: AppContext, actor: RequestActor): Promise<{ items: DeathReportView[] }> {
  authorise(actor, 'read', 'death');
  return asActor(app.database, actor, async (trx) => {
    const items = (await listDeathReports(trx, actor.organisationId, LIST_LIMIT)).map((r): DeathReportView => ({
      id: r.id,
      context: r.context,
      day: r.day,
      compoundId: r.compoundId,
      survivorId: r.survivorId,
      nationality: r.nationality,
      details: r.detailsEnc
        ? app.cipher.decryptJson<{ details: string }>(
            r.detailsEnc,
            encryptionContext('death_reports', 'details_enc', r.id),
          ).details
        : null,
      createdAt: r.createdAt,
    }));
    await audit(trx, app, actor, 'death.list', 'death_report', null, { ids: items.map((i) => i.id) });
    return { items };
  });
}

/**
 * Counts of deaths by context (read report): a coordination organisation's across every organisation, read as the
 * system and suppressed (k = 11); anyone else's, their own organisation's reports, exact.
 */
export async function deathCounts(app: AppContext, actor: RequestActor): Promise<DeathFiguresView> {
  authorise(actor, 'read', 'report');
  const org = await asActor(app.database, actor, (trx) => actorOrganisation(trx, actor));
  if (org.kind === 'coordination') {
    const counts = await asSystem(app.database, (trx) => countDeathsByContext(trx, null));
    return { scope: 'all', ...deathFigures(counts, 'suppressed'), minimumCell: MINIMUM_CELL };
  }
  const counts = await asActor(app.database, actor, (trx) => countDeathsByContext(trx, actor.organisationId));
  return { scope: 'organisation', ...deathFigures(counts, 'exact'), minimumCell: null };
}
