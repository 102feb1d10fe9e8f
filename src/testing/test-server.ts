import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDatabase, type TestDatabase } from './test-harness.ts';
import type { DatabaseKind } from '../db/database.ts';
import { createOrganisation, createUser } from '../services/accounts.service.ts';
import type { OrganisationKind, Role } from '../core/vocabulary.ts';
import { buildServer } from '../server/app.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A signed-in HTTP client over `server.inject` (no sockets), carrying the cookie and CSRF token. */
export interface TestClient {
  cookie: string;
  csrf: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
}

export interface TestServer {
  server: FastifyInstance;
  database: TestDatabase;
  app: Awaited<ReturnType<typeof createTestApp>>;
  /** Creates an organisation (by slug) if missing. */
  org(slug: string, kind?: OrganisationKind, nationalitiesServed?: string[]): Promise<string>;
  /** Creates a user with one membership and signs them in. */
  userIn(orgSlug: string, role: Role, email?: string): Promise<TestClient>;
  signIn(email: string, password?: string): Promise<TestClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

export async function createTestServer(
  kind: DatabaseKind,
  options: { trustProxyHops?: number; webRoot?: string } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const app = await createTestApp(database);
  const server = await buildServer({
    app,
    version: 'test',
    secureCookies: false,
    trustProxyHops: options.trustProxyHops ?? 0,
    webRoot: options.webRoot ?? null,
  });
  await server.ready();
  const orgIds = new Map<string, string>();
  let n = 0;

  const client = (cookie: string, csrf: string): TestClient => ({
    cookie,
    csrf,
    async request(method, url, body, extraHeaders = {}) {
      const res = await server.inject({
        method,
        url,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...extraHeaders,
        },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      let json: unknown = null;
      try {
        json = res.json();
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, json, headers: res.headers as Record<string, unknown>, body: res.body };
    },
  });

  const signIn = async (email: string, password = TEST_PASSWORD): Promise<TestClient> => {
    const res = await server.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return client(cookie, res.json().csrfToken);
  };

  const org = async (
    slug: string,
    kind: OrganisationKind = 'ngo',
    nationalitiesServed = kind === 'embassy' ? ['ID'] : [],
  ) => {
    if (!orgIds.has(slug))
      orgIds.set(slug, (await createOrganisation(app, { slug, name: slug, kind, nationalitiesServed })).id);
    return orgIds.get(slug)!;
  };

  return {
    server,
    database,
    app,
    org,
    async userIn(orgSlug, role, email = `user${++n}-${role}@${orgSlug}.test`) {
      if (!orgIds.has(orgSlug)) await org(orgSlug);
      await createUser(app, {
        email,
        displayName: email,
        password: TEST_PASSWORD,
        memberships: [{ organisation: orgSlug, role }],
      });
      return signIn(email);
    },
    signIn,
    anonymous: () => client('', ''),
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
