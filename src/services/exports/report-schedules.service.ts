/**
 * Scheduled situation reports. A schedule runs as the account that made it: when it is due, the
 * scheduler queues a background job created by that account, the job runs with that account's
 * short-lived session (services/jobs.service.ts), so the report holds exactly what the author could
 * download by hand, through the same suppression and audit. The PDF is stored as an encrypted file
 * and listed for the organisation; a schedule whose author has left produces nothing.
 */
import type { Readable } from 'node:stream';
import type { GeneratedReport, ReportScheduleInput, ReportScheduleView } from '../../contracts/exports.ts';
import { nextRunAfter, scheduleProblem } from '../../core/reports/schedule.ts';
import type { JobRow } from '../../db/repositories/jobs.repository.ts';
import {
  advanceReportSchedule,
  deleteReportSchedule,
  findGeneratedReport,
  insertGeneratedReport,
  insertReportSchedule,
  listGeneratedReports,
  listReportSchedules,
  lockDueReportSchedules,
  type ReportScheduleRow,
} from '../../db/repositories/report-schedules.repository.ts';
import { enqueueJob } from '../../db/repositories/jobs.repository.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise } from '../casework/access.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { readFileBytes, storeFile } from '../files.service.ts';
import type { JobHandler } from '../jobs.service.ts';
import { situationReport } from './sitrep.service.ts';

export const SITUATION_REPORT_JOB = 'reports.situation';
const GENERATED_LIMIT = 50;

const view = (s: ReportScheduleRow): ReportScheduleView => ({
  id: s.id,
  cadence: s.cadence,
  hourUtc: s.hourUtc,
  weekday: s.weekday,
  nextRunAt: s.nextRunAt,
  lastRunAt: s.lastRunAt,
});

/** Who may schedule and read scheduled reports: whoever may download the situation report by hand. */
function authoriseReports(actor: RequestActor): void {
  authorise(actor, 'export', 'report');
  authorise(actor, 'read', 'compound');
}

export async function createReportSchedule(
  app: AppContext,
  actor: RequestActor,
  input: ReportScheduleInput,
): Promise<ReportScheduleView> {
  authoriseReports(actor);
  const schedule = { cadence: input.cadence, hourUtc: input.hourUtc, weekday: input.weekday ?? null };
  const problem = scheduleProblem(schedule);
  if (problem) throw invalid({ weekday: problem }, problem);
  const row = {
    id: app.newId(),
    organisationId: actor.organisationId,
    createdBy: actor.userId,
    createdAt: app.now().toISOString(),
    ...schedule,
    nextRunAt: nextRunAfter(schedule, app.now()).toISOString(),
  };
  await asActor(app.database, actor, async (trx) => {
    await insertReportSchedule(trx, row);
    await audit(trx, app, actor, 'report_schedule.create', 'report_schedule', row.id, schedule);
  });
  return view({ ...row, lastRunAt: null });
}

export async function listSchedules(app: AppContext, actor: RequestActor): Promise<ReportScheduleView[]> {
  authoriseReports(actor);
  return (await asActor(app.database, actor, listReportSchedules)).map(view);
}

export async function deleteSchedule(app: AppContext, actor: RequestActor, id: string): Promise<void> {
  authoriseReports(actor);
  await asActor(app.database, actor, async (trx) => {
    if (!(await deleteReportSchedule(trx, id))) throw notFound('schedule');
    await audit(trx, app, actor, 'report_schedule.delete', 'report_schedule', id);
  });
}

export async function listGenerated(app: AppContext, actor: RequestActor): Promise<GeneratedReport[]> {
  authoriseReports(actor);
  const rows = await asActor(app.database, actor, (trx) => listGeneratedReports(trx, GENERATED_LIMIT));
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, size: r.size, filename: r.filename }));
}

/** One stored report, decrypted; audited like the download it is. */
export async function downloadGenerated(
  app: AppContext,
  actor: RequestActor,
  id: string,
): Promise<{ filename: string; bytes: Buffer }> {
  authoriseReports(actor);
  return asActor(app.database, actor, async (trx) => {
    const row = await findGeneratedReport(trx, id);
    if (!row) throw notFound('report');
    const { bytes } = await readFileBytes(app, trx, row.sha256);
    await audit(trx, app, actor, 'export.download', 'generated_report', id, { filename: row.filename });
    return { filename: row.filename, bytes };
  });
}

/**
 * Queues one job per due schedule and moves each schedule to its next run, in one transaction: of several server
 * processes only one takes a schedule (SKIP LOCKED), and a run missed while no server was up happens once, not once
 * per missed period. Returns how many it queued.
 */
export async function enqueueDueReports(app: AppContext, limit = 20): Promise<number> {
  const now = app.now();
  return asSystem(app.database, async (trx) => {
    const due = await lockDueReportSchedules(trx, now.toISOString(), limit);
    for (const s of due) {
      const next = nextRunAfter(s, now).toISOString();
      await advanceReportSchedule(trx, s.id, now.toISOString(), next);
      if (!s.createdBy) continue; // its author's account is gone: nobody to run it as
      const jobId = app.newId();
      await enqueueJob(trx, {
        id: jobId,
        kind: SITUATION_REPORT_JOB,
        payload: { scheduleId: s.id },
        organisationId: s.organisationId,
        createdBy: s.createdBy,
      });
      await audit(trx, app, null, 'job.enqueue', 'job', jobId, { kind: SITUATION_REPORT_JOB, scheduleId: s.id });
    }
    return due.length;
  });
}

async function collect(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The job: render the report as its author, store it encrypted, list it for the organisation. */
export const reportJobs: Record<string, JobHandler> = {
  [SITUATION_REPORT_JOB]: async (job: JobRow, { app, creator, progress }) => {
    const actor = await creator();
    if (!actor) throw new Error('the schedule’s author is no longer a member of the organisation');
    authoriseReports(actor);
    await progress({ phase: 'rendering', done: 0, total: 1 });
    const report = await situationReport(app, actor);
    const bytes = await collect(report.body);
    const scheduleId = (job.payload as { scheduleId?: string } | null)?.scheduleId ?? null;
    const id = app.newId();
    const stored = await asSystem(app.database, async (trx) => {
      const file = await storeFile(app, trx, bytes, 'application/pdf');
      await insertGeneratedReport(trx, {
        id,
        organisationId: actor.organisationId,
        scheduleId,
        createdAt: app.now().toISOString(),
        sha256: file.sha256,
        size: file.size,
        filename: report.filename,
      });
      return file;
    });
    await progress({ phase: 'stored', done: 1, total: 1 });
    return { reportId: id, size: stored.size };
  },
};

/** Every server process checks for due schedules once a minute; SKIP LOCKED keeps them from doubling up. */
export class ReportScheduler {
  private timer: NodeJS.Timeout | null = null;
  private active: Promise<unknown> | null = null;

  constructor(
    private readonly app: AppContext,
    private readonly onError: (error: Error) => void,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.active = enqueueDueReports(this.app).catch((e: unknown) => this.onError(e as Error));
      void this.active.finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 1_000);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = null;
    if (timer) clearTimeout(timer);
    await this.active;
  }
}
