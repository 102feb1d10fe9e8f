import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  backoffMs,
  BACKOFF,
  classify,
  dueItems,
  newItem,
  nextWake,
  retryConflict,
  settleBlocked,
  targetCase,
  unsyncedCount,
  type QueueItem,
} from './queue.ts';

const answer = (status: number, retryAfterSeconds?: number) => ({ kind: 'answer' as const, status, retryAfterSeconds });

describe('classify', () => {
  it('2xx is done, whatever the body', () => {
    for (const s of [200, 201, 204]) expect(classify(answer(s)).kind).toBe('done');
  });
  it('no answer, timeouts, 5xx and a key being applied right now are retried', () => {
    expect(classify({ kind: 'no_answer' }).kind).toBe('retry');
    for (const s of [408, 425, 500, 502, 504]) expect(classify(answer(s)).kind).toBe('retry');
    expect(classify(answer(409), 'a request with this Idempotency-Key is in progress; retry')).toEqual({
      kind: 'retry',
    });
  });
  it('429 and 503 wait at least Retry-After', () => {
    expect(classify(answer(429, 30))).toEqual({ kind: 'retry', afterMs: 30_000 });
    expect(classify(answer(503))).toEqual({ kind: 'retry' });
  });
  it('401 and a refused CSRF token stop for sign-in; other 403s are conflicts', () => {
    expect(classify(answer(401)).kind).toBe('sign_in');
    expect(classify(answer(403), 'missing or wrong CSRF token').kind).toBe('sign_in');
    expect(classify(answer(403), 'you are not allowed to do this').kind).toBe('conflict');
  });
  it('invalid input, a vanished case and a key reused for another body are conflicts for a person', () => {
    for (const s of [400, 404, 422]) expect(classify(answer(s)).kind).toBe('conflict');
    expect(classify(answer(409), 'case is closed').kind).toBe('conflict');
  });
});

describe('backoffMs', () => {
  it('grows with attempts, never beyond the cap, never below the base', () => {
    expect(backoffMs(1, 1)).toBe(BACKOFF.baseMs * 2);
    expect(backoffMs(3, 1)).toBe(BACKOFF.baseMs * 8);
    expect(backoffMs(50, 1)).toBe(BACKOFF.capMs);
    for (const a of [0, 1, 5, 40]) expect(backoffMs(a, 0)).toBe(BACKOFF.baseMs);
    expect(backoffMs(4, 0.5)).toBeGreaterThan(BACKOFF.baseMs);
    expect(backoffMs(4, 0.5)).toBeLessThan(backoffMs(4, 1));
  });
});

describe('queue state machine', () => {
  const t0 = 1_000_000;
  const reg = newItem('r1', 'register', null, t0);
  const screening = newItem('s1', 'screening', 'r1', t0 + 1);
  const need = newItem('n1', 'need', 'r1', t0 + 2);

  it('refuses a registration with a parent and a need without one', () => {
    expect(() => newItem('x', 'register', 'r1', t0)).toThrow();
    expect(() => newItem('x', 'need', null, t0)).toThrow();
  });

  it('sends a screening only after its registration is synced, to the case it made', () => {
    expect(dueItems([need, screening, reg], t0 + 5).map((i) => i.id)).toEqual(['r1']);
    const synced = afterAttempt(reg, { kind: 'done' }, t0 + 5, 0.5, { result: { caseId: 'c1', survivorId: 'v1' } });
    const items = [synced, screening, need];
    expect(dueItems(items, t0 + 5).map((i) => i.id)).toEqual(['s1', 'n1']);
    expect(targetCase(screening, items)).toBe('c1');
    expect(unsyncedCount(items)).toBe(2);
  });

  it('a record for a case already on the server goes straight to it', () => {
    const onServer = newItem('n2', 'need', 'case-on-server', t0);
    expect(targetCase(onServer, [onServer])).toBe('case-on-server');
    expect(dueItems([onServer], t0).map((i) => i.id)).toEqual(['n2']);
  });

  it('a retry waits its backoff; sign-in changes nothing', () => {
    const retried = afterAttempt(reg, { kind: 'retry' }, t0, 1);
    expect(retried).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: t0 + backoffMs(1, 1) });
    expect(dueItems([retried], t0 + 1)).toEqual([]);
    expect(dueItems([retried], retried.nextAttemptAt).map((i) => i.id)).toEqual(['r1']);
    expect(nextWake([retried])).toBe(retried.nextAttemptAt);
    expect(afterAttempt(reg, { kind: 'sign_in' }, t0, 1)).toBe(reg);
    const limited = afterAttempt(reg, { kind: 'retry', afterMs: 60 * 60_000 }, t0, 0);
    expect(limited.nextAttemptAt).toBe(t0 + 60 * 60_000);
  });

  it('a conflicted registration blocks its dependants until a person sends it again', () => {
    const problem = { status: 400, detail: 'some fields are not valid' };
    const conflicted = afterAttempt(reg, { kind: 'conflict' }, t0, 0, { problem });
    expect(conflicted).toMatchObject({ state: 'conflict', problem });
    let items: QueueItem[] = settleBlocked([conflicted, screening, need]);
    expect(items.map((i) => i.state)).toEqual(['conflict', 'blocked', 'blocked']);
    expect(dueItems(items, t0 + 10)).toEqual([]);
    expect(unsyncedCount(items)).toBe(3);
    items = settleBlocked([retryConflict(conflicted, t0 + 20), items[1]!, items[2]!]);
    expect(items.map((i) => i.state)).toEqual(['pending', 'pending', 'pending']);
    expect(dueItems(items, t0 + 20).map((i) => i.id)).toEqual(['r1']);
  });
});
