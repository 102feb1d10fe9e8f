/**
 * The field device's outbox (issue #15), as pure functions: what state a queued record is in, which records may be
 * sent now, what an answer from the server means for a record, and when to try again. The browser module
 * (web/features/offline) keeps the records encrypted in IndexedDB and does the I/O; every decision is here.
 *
 * A record is sent with its own id as the Idempotency-Key, so sending it twice (a lost answer, a closed tab, a
 * server restarted mid-sync) applies it once: the server answers a replay with the original response.
 * A screening or need recorded offline belongs to a survivor registered offline: it waits for that registration
 * (`dependsOn`) and is sent to the case the registration's answer names.
 */

export const QUEUE_KINDS = ['register', 'screening', 'need'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/**
 * pending: waiting to be sent (perhaps after a backoff); synced: the server applied it (answer kept);
 * conflict: the server refused it for a reason a person must look at (invalid, gone, not allowed); it is kept until
 * that person fixes or discards it; blocked: its registration is in conflict.
 */
export type QueueState = 'pending' | 'synced' | 'conflict' | 'blocked';

export interface QueueItem {
  /** Chosen on the device (a random UUID); also the Idempotency-Key. */
  readonly id: string;
  readonly kind: QueueKind;
  /** The local id of the registration this screening or need belongs to, or a case id already on the server. */
  readonly dependsOn: string | null;
  readonly state: QueueState;
  readonly attempts: number;
  /** Epoch milliseconds; a pending item is not sent before. */
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  /** For a synced registration: the case and survivor the server made. */
  readonly result?: { readonly caseId?: string; readonly survivorId?: string };
  /** For a conflict: the status and the server's words, shown to the worker. */
  readonly problem?: { readonly status: number; readonly detail: string; readonly fields?: Record<string, string> };
}

/** What an attempt came to: an HTTP status (with Retry-After seconds, if any), or no answer at all. */
export type Attempt =
  | { readonly kind: 'answer'; readonly status: number; readonly retryAfterSeconds?: number; readonly body?: unknown }
  | { readonly kind: 'no_answer' };

export type Verdict =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly afterMs?: number }
  /** The session ended (401, or a refused CSRF token): stop the whole sync until the worker signs in again. */
  | { readonly kind: 'sign_in' }
  | { readonly kind: 'conflict' };

export const BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000 } as const;

/**
 * 2xx done; no answer, 408, 409 (the same key is being applied right now), 425, 429 and 5xx are passing: try again;
 * 401 and a 403 about the CSRF token mean sign in again; any other 4xx (invalid, not found, not allowed, the same key
 * reused for a different body) is a conflict for a person.
 */
export function classify(attempt: Attempt, problemDetail = ''): Verdict {
  if (attempt.kind === 'no_answer') return { kind: 'retry' };
  const s = attempt.status;
  if (s >= 200 && s < 300) return { kind: 'done' };
  if (s === 401 || (s === 403 && /csrf/i.test(problemDetail))) return { kind: 'sign_in' };
  if (s === 429 || s === 503)
    return attempt.retryAfterSeconds !== undefined
      ? { kind: 'retry', afterMs: Math.max(0, attempt.retryAfterSeconds) * 1000 }
      : { kind: 'retry' };
  if (s === 408 || s === 425 || s >= 500) return { kind: 'retry' };
  if (s === 409 && /in progress|being applied|retry/i.test(problemDetail)) return { kind: 'retry' };
  return { kind: 'conflict' };
}

/** Exponential backoff with full jitter: `random` in [0, 1) picks a delay in [base, min(cap, base·2^attempts)]. */
export function backoffMs(attempts: number, random: number): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, Math.min(attempts, 20)));
  return Math.round(BACKOFF.baseMs + (ceiling - BACKOFF.baseMs) * Math.min(Math.max(random, 0), 1));
}

export function newItem(id: string, kind: QueueKind, dependsOn: string | null, now: number): QueueItem {
  if ((kind === 'register') !== (dependsOn === null))
    throw new Error(kind === 'register' ? 'a registration depends on nothing' : `a ${kind} belongs to a registration`);
  return { id, kind, dependsOn, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
}

/** The next state of `item` after an attempt judged `verdict`. */
export function afterAttempt(
  item: QueueItem,
  verdict: Verdict,
  now: number,
  random: number,
  answer?: { result?: QueueItem['result']; problem?: QueueItem['problem'] },
): QueueItem {
  switch (verdict.kind) {
    case 'done':
      return { ...item, state: 'synced', attempts: item.attempts + 1, result: answer?.result, problem: undefined };
    case 'retry': {
      const attempts = item.attempts + 1;
      const wait = Math.max(verdict.afterMs ?? 0, backoffMs(attempts, random));
      return { ...item, state: 'pending', attempts, nextAttemptAt: now + wait };
    }
    case 'sign_in':
      // Not the record's fault: no attempt counted, sent as soon as the worker is back.
      return item;
    case 'conflict':
      return { ...item, state: 'conflict', attempts: item.attempts + 1, problem: answer?.problem };
  }
}

/** Where a screening or need is sent: the case of its synced registration, a server case id, or not yet. */
export function targetCase(item: QueueItem, items: readonly QueueItem[]): string | null | 'blocked' {
  if (item.kind === 'register' || item.dependsOn === null) return null;
  const parent = items.find((i) => i.id === item.dependsOn);
  if (!parent) return item.dependsOn; // a case that was already on the server
  if (parent.state === 'conflict' || parent.state === 'blocked') return 'blocked';
  return parent.state === 'synced' ? (parent.result?.caseId ?? 'blocked') : null;
}

/**
 * Items to send now, oldest first: pending, due, and (for a screening or need) whose registration is synced.
 * Registrations go first so their dependants can follow in the same sync.
 */
export function dueItems(items: readonly QueueItem[], now: number): QueueItem[] {
  return items
    .filter((i) => i.state === 'pending' && i.nextAttemptAt <= now)
    .filter((i) => {
      const target = targetCase(i, items);
      return i.kind === 'register' || (target !== null && target !== 'blocked');
    })
    .sort((a, b) => (a.kind === 'register' ? 0 : 1) - (b.kind === 'register' ? 0 : 1) || a.createdAt - b.createdAt);
}

/** Dependants of a registration in conflict cannot be sent; marks them blocked (and unblocks when it is fixed). */
export function settleBlocked(items: readonly QueueItem[]): QueueItem[] {
  return items.map((i) => {
    if (i.kind === 'register' || (i.state !== 'pending' && i.state !== 'blocked')) return i;
    const blocked = targetCase(i, items) === 'blocked';
    if (blocked && i.state === 'pending') return { ...i, state: 'blocked' };
    if (!blocked && i.state === 'blocked') return { ...i, state: 'pending' };
    return i;
  });
}

/** Records not yet on the server: everything but synced. This is the number the always-visible indicator shows. */
export function unsyncedCount(items: readonly QueueItem[]): number {
  return items.filter((i) => i.state !== 'synced').length;
}

/** A person fixed a conflict (edited the record) and asks to send it again: pending at once, count reset. */
export function retryConflict(item: QueueItem, now: number): QueueItem {
  if (item.state !== 'conflict') return item;
  return { ...item, state: 'pending', attempts: 0, nextAttemptAt: now, problem: undefined };
}

/** The earliest time any pending item becomes due (to schedule the next sync), or null. */
export function nextWake(items: readonly QueueItem[]): number | null {
  const times = items.filter((i) => i.state === 'pending').map((i) => i.nextAttemptAt);
  return times.length ? Math.min(...times) : null;
}
