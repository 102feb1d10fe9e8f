import { ApiError } from '../../../api.ts';

const bare = (name: string) => name.replace(/^(body|query|params|querystring)\./, '');

/**
 * The first reason the API gave for a field or anything under it: `names` matches `body.names`,
 * `body.names.0.value` and `names[0]` (route validation and services name fields differently).
 */
export function errorUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.invalidParams.find((p) => {
    const n = bare(p.name);
    return n === field || n.startsWith(`${field}.`) || n.startsWith(`${field}[`);
  })?.reason;
}
