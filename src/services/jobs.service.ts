import { hostname } from 'node:os';
import {
  claimJob,
  enqueueJob,
  findJob,
  finishJob,
  listJobs,
  reportJobProgress,
  type JobProgress,
  type JobRow,
} from '../db/repositories/jobs.repository.ts';
import { asActor, asSystem } from '../db/transaction.ts';
import type { JobView } from '../contracts/jobs.ts';
import { audit } from './audit.service.ts';
import { endServiceSession, issueServiceSession } from './sessions.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { forbidden, notFound } from './errors.ts';
import { scopeFor } from '../core/permissions/matrix.ts';

export interface JobTools {
  app: AppContext;
  progress(p: JobProgress): Promise<void>;
  /**
   * The job's creator acting in the job's organisation, for work under row-level security (asActor).
   * Backed by a short-lived session the runner writes through the owner connection and deletes when
   * the job ends; null for jobs the system queued or when the creator is no longer a member.
   */
  creator(): Promise<RequestActor | null>;
}

export type JobHandler = (job: JobRow, tools: JobTools) => Promise<unknown>;

/** How long a job's session lives on the database's clock; a job that runs longer loses row-level access. */
export const JOB_SESSION_MINUTES = 30;

const present = (j: JobRow): JobView => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  progress: j.progress,
  result: j.result,
  error: j.error,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
});

/** Queues a job for any server process to run; the audit event commits with it. */
export async function enqueue(
  app: AppContext,
  actor: RequestActor | null,
  kind: string,
  payload: unknown,
): Promise<string> {
  const id = app.newId();
  const write = async (trx: Parameters<Parameters<typeof asSystem>[1]>[0]) => {
    await enqueueJob(trx, {
      id,
      kind,
      payload,
      organisationId: actor?.organisationId ?? null,
      createdBy: actor?.userId ?? null,
    });
    await audit(trx, app, actor, 'job.enqueue', 'job', id, { kind });
  };
  if (actor) await asActor(app.database, actor, write);
  else await asSystem(app.database, write);
  return id;
}

/** Jobs a person may start by hand: audit verification, and the all-organisation follow-up evaluation. */
export type StartableJobKind = 'audit.verify' | 'casework.followups';

/** Starts a background job on behalf of an administrator of the current organisation (403 for anyone else). */
export async function startJob(app: AppContext, actor: RequestActor, kind: StartableJobKind): Promise<string> {
  if (!scopeFor(actor.roles, 'manage', 'job')) throw forbidden('only administrators start background jobs');
  return enqueue(app, actor, kind, {});
}

/**
 * Reading jobs is a permission of its own (admins, caseworkers, consular officers); row-level security keeps them to
 * the organisation.
 */
function authoriseReadJobs(actor: RequestActor): void {
  if (!scopeFor(actor.roles, 'read', 'job')) throw forbidden('your role may not read background jobs', 'role_may_not');
}

export async function getJob(app: AppContext, actor: RequestActor, id: string): Promise<JobView> {
  authoriseReadJobs(actor);
  const job = await asActor(app.database, actor, (trx) => findJob(trx, id));
  if (!job) throw notFound('job');
  return present(job);
}

export async function listRecentJobs(app: AppContext, actor: RequestActor): Promise<JobView[]> {
  authoriseReadJobs(actor);
  return (await asActor(app.database, actor, (trx) => listJobs(trx, 50))).map(present);
}

/**
 * Polls the jobs table and runs what it claims. Every server process runs one; SKIP LOCKED makes
 * sure each job runs once, and a job whose process died is picked up again after `staleSeconds`.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private active: Promise<void> | null = null;
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly app: AppContext,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: { intervalMs?: number; staleSeconds?: number } = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // Poll every interval while idle; while jobs keep coming, take the next one straight away.
    const tick = async () => {
      if (!this.running) return;
      let ran = false;
      this.active = this.runOnce().then(
        (r) => {
          ran = r;
        },
        () => undefined,
      );
      await this.active;
      if (this.running) this.timer = setTimeout(tick, ran ? 0 : (this.options.intervalMs ?? 500));
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.active;
  }

  /** Claims and runs at most one job; true if it ran one. */
  async runOnce(): Promise<boolean> {
    const job = await asSystem(this.app.database, (trx) =>
      claimJob(trx, this.workerId, Object.keys(this.handlers), this.options.staleSeconds ?? 300),
    );
    if (!job) return false;
    const handler = this.handlers[job.kind]!; // claimJob only claims kinds that have a handler
    let creator: Promise<RequestActor | null> | null = null;
    const tools: JobTools = {
      app: this.app,
      progress: (p) => asSystem(this.app.database, (trx) => reportJobProgress(trx, job.id, this.workerId, p)),
      creator: () =>
        (creator ??=
          job.createdBy && job.organisationId
            ? issueServiceSession(this.app, {
                userId: job.createdBy,
                organisationId: job.organisationId,
                minutes: JOB_SESSION_MINUTES,
              })
            : Promise.resolve(null)),
    };
    try {
      const result = await handler(job, tools).finally(async () => {
        const actor = await creator?.catch(() => null);
        if (actor) await endServiceSession(this.app, actor);
      });
      await asSystem(this.app.database, (trx) => finishJob(trx, job.id, this.workerId, { result: result ?? null }));
    } catch (error) {
      await asSystem(this.app.database, (trx) =>
        finishJob(trx, job.id, this.workerId, { error: (error as Error).message || 'failed' }),
      );
    }
    return true;
  }
}
