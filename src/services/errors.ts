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
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ServiceError(404, 'not_found', `${what} was not found`);
export const forbidden = (why = 'you are not allowed to do this') => new ServiceError(403, 'forbidden', why);
export const unauthorized = (why = 'sign in first') => new ServiceError(401, 'unauthorized', why);
export const conflict = (why: string) => new ServiceError(409, 'conflict', why);
export const invalid = (
  fields: Record<string, string>,
  why = 'some fields are not valid',
  extensions?: Record<string, unknown>,
) => new ServiceError(422, 'invalid', why, fields, extensions);

export class TooManyRequests extends ServiceError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'too many attempts; try again later',
  ) {
    super(429, 'too_many_requests', message);
  }
}
