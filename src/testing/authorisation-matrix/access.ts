/**
 * The authorisation matrix's reviewed routes: system, session, directory and jobs.
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { allOf, type Expectation } from './world.ts';

export const ACCESS: Record<string, Expectation> = {
  // --- system, session, directory ---------------------------------------------------------
  'GET /api/health': { none: 'liveness; no data' },
  'GET /api/demo': { none: 'public demo sign-ins; section 2 of issue #8 restricts it to demo deployments' },
  'GET /api/organisations': { none: 'directory of names and kinds, shown to every signed-in user by design' },
  'GET /api/home': { none: "the caller's own organisation's numbers (aggregates)" },
  'POST /api/session': { none: 'sign-in' },
  'GET /api/session': { none: "the caller's own session" },
  'DELETE /api/session': { none: "ends the caller's own session" },
  'POST /api/session/totp': { none: "the caller's own second factor" },
  'POST /api/session/totp/enrolment': { none: "the caller's own second factor" },
  'POST /api/session/totp/enrolment/confirm': { none: "the caller's own second factor" },
  'PUT /api/session/organisation': {
    none: "switches among the caller's own memberships (auth.routes.test.ts refuses a foreign one)",
  },
  'PUT /api/session/password': { none: "changes the caller's own password (needs the current one)" },
  'POST /api/password-reset': {
    none: 'the one-time code is the credential (auth-hardening.routes.test.ts: wrong, reused and foreign codes refused)',
  },
  'POST /api/members/{userId}/account-codes': {
    none: "an administrator of an organisation the user belongs to (auth-hardening.routes.test.ts refuses another organisation's admin and non-admins)",
  },
  'GET /api/jobs': { none: "the caller's organisation's jobs (row-level security)", list: true },
  'POST /api/jobs': { none: "starts a maintenance job in the caller's organisation; admins only" },
  'GET /api/jobs/{id}': { kind: 'job', permitted: allOf('read:job@org') },
};
