import type { HelpRequestSubmission } from '../../../contracts/help.ts';
import type { HelpNextSteps, HelpPublicStatus } from '../../../core/help/help-request.ts';

/**
 * The help page's two calls. Plain fetch (the page carries no app shell, session or query cache); no credentials are
 * sent, and the answers are never cached by the browser.
 */
export type HelpFailure = 'offline' | 'not_found' | 'too_many' | 'failed';
export type HelpResult<T> = { ok: true; value: T } | { ok: false; error: HelpFailure };

async function post<T>(path: string, body: unknown): Promise<HelpResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, error: 'offline' };
  }
  if (res.ok) return { ok: true, value: (await res.json()) as T };
  return { ok: false, error: res.status === 404 ? 'not_found' : res.status === 429 ? 'too_many' : 'failed' };
}

export const submitHelp = (body: HelpRequestSubmission) => post<{ code: string }>('/api/help-requests', body);
/** What the code holder is told: the status, and where to go and the flight date once the organisation set them. */
export type HelpStatusAnswer = { status: HelpPublicStatus } & HelpNextSteps;
export const checkHelpStatus = (code: string) => post<HelpStatusAnswer>('/api/help-requests/status', { code });
