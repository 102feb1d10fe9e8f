import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../transaction.ts';
import { batcherOf, StatementBatcher } from '../../statement-batcher.ts';
import type { OrganisationKind } from '../../../core/vocabulary.ts';
import type { CaseEventsTable, IdempotencyKeysTable, JobsTable } from '../../schema.ts';
import type { AuditAppend } from '../audit.repository.ts';
import { caseEventColumns, type CaseEventInsert } from './case-events.repository.ts';
import { followUpColumns, type FollowUpRow } from './followups.repository.ts';
import { needColumns, type NeedInsert } from './needs.repository.ts';
import type { IdempotencyRow } from '../idempotency.repository.ts';
import {
  caseColumns,
  consentColumns,
  survivorColumns,
  type CaseInsert,
  type ConsentVersionRow,
  type SurvivorInsert,
} from '../survivors.repository.ts';

export interface RegistrationChecks {
  /** The registering organisation's kind; null when it no longer exists (or the session is not valid). */
  ownKind: OrganisationKind | null;
  /** Kinds of the referenced organisations that exist. */
  organisations: Map<string, OrganisationKind>;
  /** Null when no compound was named. */
  compoundFound: boolean | null;
  /** Null when no assignee was named. */
  assigneeIsMember: boolean | null;
}

/** A row as the function receives it: keyed by column, jsonb columns as JSON values (not the strings inserts take). */
type Sent<T, JsonColumn extends keyof Insertable<T>> = Omit<Insertable<T>, JsonColumn> & {
  [K in JsonColumn]: unknown;
};

export type RegistrationOutcome =
  | { outcome: 'registered' }
  | { outcome: 'rate_limited'; hits: number; resetAt: string }
  | { outcome: 'refused'; checks: RegistrationChecks }
  /** The Idempotency-Key was kept by a concurrent request first; nothing was written. */
  | { outcome: 'key_taken' }
  /**
   * Concurrent registrations of this account reached the limit first (the hit is counted last, migration 0030):
   * nothing was written, not even this request's hit.
   */
  | { outcome: 'rate_limited_late' };

export interface Registration {
  /** The session whose actor the statement runs as (row-level security derives user and organisation from it). */
  sessionToken: string;
  now: string;
  rateLimit: { windowSeconds: number; hits: number };
  /** Organisation kinds that may register (core/permissions); any other is refused before anything is written. */
  registeringKinds: readonly OrganisationKind[];
  checks: {
    organisationId: string;
    shareWithOrganisationIds: readonly string[];
    /** The organisation a shelter, clinic or embassy location names, and the kind it must be. */
    place: { id: string; kind: string } | null;
    compoundId: string | null;
    assignedTo: string | null;
  };
  survivor: SurvivorInsert;
  kase: CaseInsert;
  consent: ConsentVersionRow | null;
  followUp: FollowUpRow;
  needs: readonly NeedInsert[];
  job: { id: string; kind: string; payload: unknown; organisationId: string | null; createdBy: string | null };
  /** The case's first timeline entries: opened, then one per care-first need. */
  events: readonly CaseEventInsert[];
  audit: AuditAppend;
  /** The kept answer of an Idempotency-Key, written with the rest. */
  idempotency: IdempotencyRow | null;
}

/**
 * A whole registration in one round trip: refuge_register_survivor (migrations 0027, 0030, 0040) derives the actor
 * from the session token, refuses an account already at its rate limit, runs every check that needs a read, refuses
 * any row outside the actor's organisation (the policies' conditions, checked once), and writes survivor, case,
 * consent, follow-up, care-first needs, matching job, timeline and audit entry (and the Idempotency-Key's answer)
 * atomically, counting the rate-limit hit last. Rows travel as JSON keyed by column name; the database casts them.
 */
export function registerInOneCall(db: Queryable, r: Registration): Promise<RegistrationOutcome> {
  return register(db, r, false);
}

/**
 * The same registration, sent with whichever others arrive while earlier ones are being written (registrationBatcher
 * below): what the service uses. Inside a caller's transaction it is sent alone.
 */
export function registerInBatch(db: Queryable, r: Registration): Promise<RegistrationOutcome> {
  return register(db, r, !db.isTransaction);
}

async function register(db: Queryable, r: Registration, batched: boolean): Promise<RegistrationOutcome> {
  const s = r.survivor;
  const c = r.kase;
  const v = r.consent;
  const f = r.followUp;
  const j = r.job;
  const a = r.audit;
  const k = r.idempotency;
  const survivor = survivorColumns(s);
  const kase = caseColumns(c);
  const consent = v && consentColumns(v);
  const followUp = followUpColumns(f);
  const needs = r.needs.map(needColumns);
  const job: Sent<JobsTable, 'payload'> = {
    id: j.id,
    kind: j.kind,
    payload: j.payload ?? {},
    organisation_id: j.organisationId,
    created_by: j.createdBy,
  };
  const events: Sent<CaseEventsTable, 'params'>[] = r.events.map(caseEventColumns);
  const idempotency: Insertable<IdempotencyKeysTable> | null = k && {
    id: k.id,
    user_id: k.userId,
    organisation_id: k.organisationId,
    idempotency_key: k.key,
    operation: k.operation,
    response_status: k.responseStatus,
    record_enc: k.recordEnc,
    created_at: k.createdAt,
  };
  const rows = {
    survivor,
    case: kase,
    consent,
    follow_up: followUp,
    needs,
    job,
    events,
    audit: {
      actor_user_id: a.actorUserId,
      organisation_id: a.organisationId,
      action: a.action,
      resource_type: a.resourceType,
      resource_id: a.resourceId,
      request_id: a.requestId,
      details: a.details,
    },
    idempotency,
  };
  const q = r.checks;
  const checks = {
    organisation_id: q.organisationId,
    share_ids: [...new Set(q.shareWithOrganisationIds)],
    place_id: q.place?.id ?? null,
    place_kind: q.place?.kind ?? null,
    compound_id: q.compoundId,
    assigned_to: q.assignedTo,
  };
  const call: FunctionCall = {
    userId: r.survivor.registeredBy ?? '',
    args: [
      r.sessionToken,
      r.now,
      r.rateLimit.windowSeconds,
      r.rateLimit.hits,
      r.registeringKinds,
      JSON.stringify(checks),
      JSON.stringify(rows),
    ],
  };
  let answer: Answer;
  try {
    answer = await (batched ? registrationBatcher(db).call(call) : callAlone(db, call));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'RF409') return { outcome: 'key_taken' };
    if (code === 'RF429') return { outcome: 'rate_limited_late' };
    throw error;
  }
  if (answer.registered) return { outcome: 'registered' };
  if (answer.refused === 'rate_limited')
    return { outcome: 'rate_limited', hits: answer.hits!, resetAt: new Date(answer.reset_at!).toISOString() };
  return {
    outcome: 'refused',
    checks: {
      ownKind: answer.own_kind ?? null,
      organisations: new Map((answer.organisations ?? []).map((o) => [o.id, o.kind])),
      compoundFound: answer.compound_found ?? null,
      assigneeIsMember: answer.assignee_is_member ?? null,
    },
  };
}

/** What refuge_register_survivor answers. */
interface Answer {
  registered?: true;
  refused?: 'rate_limited' | 'checks';
  hits?: number;
  reset_at?: string;
  own_kind?: OrganisationKind | null;
  organisations?: { id: string; kind: OrganisationKind }[];
  compound_found?: boolean | null;
  assignee_is_member?: boolean | null;
}

/** One registration's arguments to refuge_register_survivor, and the account it counts against. */
interface FunctionCall {
  userId: string;
  args: readonly [string, string, number, number, readonly OrganisationKind[], string, string];
}

const callSql = (c: FunctionCall, alias: string) => {
  const [token, now, windowSeconds, hits, kinds, checks, rows] = c.args;
  return sql`refuge_register_survivor(${token}, ${now}::timestamptz, ${windowSeconds}::int, ${hits}::bigint,
    ${kinds}::text[], ${checks}::jsonb, ${rows}::jsonb) AS ${sql.ref(alias)}`;
};

async function callAlone(db: Queryable, c: FunctionCall): Promise<Answer> {
  const { rows } = await sql<{ answer: Answer }>`SELECT ${callSql(c, 'answer')}`.execute(db);
  return rows[0]!.answer;
}

/**
 * Registrations that arrive while earlier ones are being written go to the database together (issue #13,
 * db/statement-batcher): one statement calls refuge_register_survivor once per registration — at most 32, two
 * statements at a time per connection pool — so the lot shares one round trip, one transaction, one commit and one
 * set of relation locks. Each call sets its own session token first, so row-level security, the checks, the rate
 * limit and the audit entry are each registration's own, exactly as when it is sent alone. If the database refuses
 * the statement — one registration's rows refused, an Idempotency-Key taken, a deadlock — none of it was written, and
 * each registration is sent again alone, so each gets the answer or error it would have had by itself.
 * A batch is in account order, so two batches in flight take the accounts' rate-limit rows in the same order.
 */
const batchers = new WeakMap<Queryable, StatementBatcher<FunctionCall, Answer>>();
const registrationBatcher = (db: Queryable) =>
  batcherOf(
    batchers,
    db,
    () =>
      new StatementBatcher<FunctionCall, Answer>({
        alone: (call) => callAlone(db, call),
        together: async (calls) => {
          const { rows } = await sql<Record<string, Answer>>`SELECT ${sql.join(
            calls.map((c, i) => callSql(c, `a${i}`)),
          )}`.execute(db);
          return calls.map((_, i) => rows[0]![`a${i}`]!);
        },
        maxBatch: 32,
        inFlight: 2,
        order: (a, b) => (a.userId < b.userId ? -1 : 1),
      }),
  );
