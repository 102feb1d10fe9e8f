import type { JobHandler } from '../jobs.service.ts';
import type { AuditActor } from '../audit.service.ts';
import type { JobRow } from '../../db/repositories/jobs.repository.ts';
import {
  checkAcrossOrganisations,
  checkSurvivorForDuplicates,
  CROSS_ORGANISATION_JOB,
  dedupeAllSurvivors,
} from './check.service.ts';
import { matchSurvivorAgainstTracing } from '../tracing/match.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job's creator, for the audit trail (null when the system queued it). */
const actorOf = (job: JobRow): AuditActor | null =>
  job.createdBy ? { userId: job.createdBy, organisationId: job.organisationId, requestId: null } : null;

/** Background jobs of matching. */
export const matchingJobs: Record<string, JobHandler> = {
  /** Payload `{ survivorId }`: propose duplicates of one survivor (enqueued by registration). */
  'matching.check': async (job, { app, progress }) => {
    const survivorId = (job.payload as { survivorId?: unknown } | null)?.survivorId;
    if (typeof survivorId !== 'string' || !UUID.test(survivorId))
      throw new Error('payload.survivorId must be a survivor id');
    const result = await checkSurvivorForDuplicates(app, actorOf(job), survivorId);
    await progress({ phase: 'checked', done: 1, total: 1 });
    return result;
  },
  /**
   * Payload `{ survivorId }`: the blind search of other organisations' records, queued by the
   * system (organisation NULL) after every check, so the registering organisation cannot read it.
   */
  [CROSS_ORGANISATION_JOB]: async (job, { app, progress }) => {
    const survivorId = (job.payload as { survivorId?: unknown } | null)?.survivorId;
    if (typeof survivorId !== 'string' || !UUID.test(survivorId))
      throw new Error('payload.survivorId must be a survivor id');
    const result = await checkAcrossOrganisations(app, survivorId);
    // The same blind search for open tracing requests that may be looking for this person (services/tracing).
    const tracing = await matchSurvivorAgainstTracing(app, survivorId);
    await progress({ phase: 'checked', done: 1, total: 1 });
    return { ...result, tracingProposals: tracing.proposals };
  },
  /** Re-runs de-duplication over every survivor with progress {phase, done, total}. */
  'matching.dedupe': async (job, { app, progress }) => dedupeAllSurvivors(app, actorOf(job), progress),
};
