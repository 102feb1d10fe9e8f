import type { SessionView } from '../contracts/auth.ts';
import { ApiError, type InvalidParam } from './api-error.ts';
import { queryClient, SESSION_KEY } from './query-client.ts';

export { ApiError, fieldError } from './api-error.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function request<T>(method: string, path: string, body?: unknown, ifMatch?: number | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // The version the form was filled from: the server refuses (409) an edit of a record someone changed since.
  if (typeof ifMatch === 'number') headers['if-match'] = `"${ifMatch}"`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = queryClient.getQueryData<SessionView | null>(SESSION_KEY)?.csrfToken;
  if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Network error', undefined);
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const p = (data ?? {}) as {
      title?: string;
      detail?: string;
      invalidParams?: InvalidParam[];
      requestId?: string;
      currentVersion?: number;
    };
    // The session ended (expired, signed out elsewhere): drop it so the app shows the sign-in page.
    // Calls under /api/session answer 401 for a wrong password or code, which the form shows instead.
    if (response.status === 401 && !path.startsWith('/api/session')) queryClient.setQueryData(SESSION_KEY, null);
    throw new ApiError(
      response.status,
      p.title ?? response.statusText,
      p.detail,
      Array.isArray(p.invalidParams) ? p.invalidParams : [],
      p.requestId,
      typeof p.currentVersion === 'number' ? p.currentVersion : undefined,
      (data ?? {}) as Record<string, unknown>,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API client: same-origin cookies, JSON bodies, the CSRF header on writes, ApiError on failure. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  /** `ifMatch`: the record's version as loaded (cases, needs, evidence, compounds); a stale one is refused with 409. */
  patch: <T>(path: string, body?: unknown, options: { ifMatch?: number | null } = {}) =>
    request<T>('PATCH', path, body ?? {}, options.ifMatch),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
