/** A problem+json answer from the API (RFC 9457), or a network failure (status 0). */
export interface InvalidParam {
  name: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly invalidParams: InvalidParam[] = [],
    readonly requestId?: string,
    /** 409 on an edit from an old version: the version now stored (someone else changed the record). */
    readonly currentVersion?: number,
    /** The problem's other members (RFC 9457 extensions), e.g. per-person results of a refused bulk step. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

/**
 * The reason given for one field, matching `body.email`, `query.email` or plain `email`
 * (route validation names the part of the request; services name the field only).
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const bare = (name: string) => name.replace(/^(body|query|params|querystring)\./, '');
  return error.invalidParams.find((p) => p.name === field || bare(p.name) === bare(field))?.reason;
}
