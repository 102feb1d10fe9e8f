import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../contracts/auth.ts';
import { api, ApiError, fieldError } from './api.ts';
import { queryClient, SESSION_KEY } from './query-client.ts';

const session = { csrfToken: 'csrf-123' } as SessionView;
type Call = { url: string; init: RequestInit };

function answer(status: number, body?: unknown, type = 'application/json'): { calls: Call[] } {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': type },
    });
  });
  return { calls };
}

describe('api client', () => {
  beforeEach(() => queryClient.setQueryData(SESSION_KEY, session));
  afterEach(() => {
    vi.unstubAllGlobals();
    queryClient.clear();
  });

  it('sends the cached CSRF token on writes only, with same-origin cookies and JSON', async () => {
    const { calls } = answer(200, { ok: true });
    await api.get('/api/home');
    await api.post('/api/things', { a: 1 });
    await api.delete('/api/things/1');
    const headers = calls.map((c) => c.init.headers as Record<string, string>);
    expect(headers[0]!['x-csrf-token']).toBeUndefined();
    expect(headers[1]!['x-csrf-token']).toBe('csrf-123');
    expect(headers[1]!['content-type']).toBe('application/json');
    expect(calls[1]!.init.body).toBe('{"a":1}');
    expect(headers[2]!['x-csrf-token']).toBe('csrf-123');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('turns problem+json into an ApiError with each field reason', async () => {
    answer(
      400,
      {
        title: 'Bad request',
        status: 400,
        detail: 'some fields are not valid',
        invalidParams: [{ name: 'body.email', reason: 'Invalid email address' }],
      },
      'application/problem+json',
    );
    const error = await api.post('/api/session', { email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).detail).toBe('some fields are not valid');
    expect(fieldError(error, 'email')).toBe('Invalid email address');
    expect(fieldError(error, 'body.email')).toBe('Invalid email address');
    expect(fieldError(error, 'password')).toBeUndefined();
    expect(fieldError(new Error('x'), 'email')).toBeUndefined();
  });

  it('a 401 elsewhere ends the cached session; a 401 from the sign-in calls does not', async () => {
    answer(401, { title: 'Sign in required', status: 401, detail: 'that code is not right' });
    await expect(api.post('/api/session/totp', { code: '000000' })).rejects.toBeInstanceOf(ApiError);
    expect(queryClient.getQueryData(SESSION_KEY)).toEqual(session);
    await expect(api.get('/api/home')).rejects.toMatchObject({ status: 401 });
    expect(queryClient.getQueryData(SESSION_KEY)).toBeNull();
  });

  it('a network failure is an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/home')).rejects.toMatchObject({ status: 0 });
  });
});
