import type { FastifyRequest } from 'fastify';

/**
 * The version an editor loaded, from `If-Match: "3"` (contracts/common IfMatchHeaders validated its shape); undefined
 * when the header is absent, which makes the update unconditional.
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (typeof raw !== 'string' || raw === '') return undefined;
  return Number(raw.replace(/^W\//, '').replace(/"/g, ''));
}
