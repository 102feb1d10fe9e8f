import type { MessageParams } from '../core/message.ts';

/**
 * Errors a use case can raise on purpose. The HTTP layer turns them into application/problem+json;
 * the CLI prints their message. Anything else is a bug and is reported as a 500 without details.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Further members of the problem+json body (RFC 9457 extensions), e.g. per-person results of a bulk step. */
    readonly extensions?: Record<string, unknown>,
    /**
     * Set when `code` and these values say all the message says (web: key error.<code> in namespace `server`):
     * the problem then carries `code` and `params`. Unset for a reason worded only in English here.
     */
    readonly params?: MessageParams,
  ) {
    super(message);
  }
}

const DEFAULT_FORBIDDEN = 'you are not allowed to do this';
const DEFAULT_UNAUTHORIZED = 'sign in first';
const DEFAULT_INVALID = 'some fields are not valid';
/** The default wording is carried by the code; a reason of the caller's own stays English-only. */
const wordedIf = (isDefault: boolean): MessageParams | undefined => (isDefault ? {} : undefined);

export const notFound = (what: string) =>
  new ServiceError(404, 'not_found', `${what} was not found`, undefined, undefined, {});
/**
 * `code` names a refusal whose wording is fixed (error.<code> in the web's `server` namespace), e.g. owner_only for
 * the several "only the organisation that owns the case …" refusals; without it a custom reason is English only.
 */
export const forbidden = (why = DEFAULT_FORBIDDEN, code?: string) =>
  new ServiceError(
    403,
    code ?? 'forbidden',
    why,
    undefined,
    undefined,
    code ? {} : wordedIf(why === DEFAULT_FORBIDDEN),
  );
export const unauthorized = (why = DEFAULT_UNAUTHORIZED) =>
  new ServiceError(401, 'unauthorized', why, undefined, undefined, wordedIf(why === DEFAULT_UNAUTHORIZED));
/** Input that passed the schema but not the rules (unknown property, missing relation end…): 400, nothing changed. */
export const badRequest = (fields: Record<string, string>, why = DEFAULT_INVALID) =>
  new ServiceError(400, 'invalid', why, fields, undefined, wordedIf(why === DEFAULT_INVALID));
export const conflict = (why: string) => new ServiceError(409, 'conflict', why);
export const invalid = (fields: Record<string, string>, why = DEFAULT_INVALID, extensions?: Record<string, unknown>) =>
  new ServiceError(422, 'invalid', why, fields, extensions, wordedIf(why === DEFAULT_INVALID));

/**
 * Someone else changed the record since the editor loaded it (0018 row versions): nothing was changed; the
 * problem carries the version now stored, so a client can reload, show both and apply its change again.
 */
export class VersionConflict extends ServiceError {
  constructor(
    readonly currentVersion: number,
    what: string,
  ) {
    super(
      409,
      'version_conflict',
      `this ${what} was changed by someone else since you loaded it (it is now at version ${currentVersion}); nothing was changed: reload it and apply your change again`,
      undefined,
      undefined,
      { currentVersion },
    );
  }
}

/** Refuses an update made from an old copy; `expected` undefined = the caller sent no If-Match (unconditional). */
export function checkVersion(what: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw new VersionConflict(current, what);
}

/**
 * The database could not be reached or dropped the connection mid-request (restart, failover, a terminated backend):
 * nothing was committed, and the same request may be sent again after `retryAfterSeconds`.
 */
export class DatabaseUnavailable extends ServiceError {
  constructor(readonly retryAfterSeconds = 2) {
    super(
      503,
      'database_unavailable',
      'the database is not reachable for a moment; your request was not applied: send it again in a few seconds',
      undefined,
      undefined,
      {},
    );
  }
}

const DEFAULT_TOO_MANY = 'too many attempts; try again later';

export class TooManyRequests extends ServiceError {
  constructor(
    readonly retryAfterSeconds: number,
    message = DEFAULT_TOO_MANY,
  ) {
    super(429, 'too_many_requests', message, undefined, undefined, message === DEFAULT_TOO_MANY ? {} : undefined);
  }
}
