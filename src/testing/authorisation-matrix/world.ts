import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { scopeFor, type Action, type Resource } from '../../core/permissions/matrix.ts';
import { ROLES, type OrganisationKind, type Role } from '../../core/vocabulary.ts';
import { DATABASE_KINDS } from '../test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { tablesInDependencyOrder } from '../../services/data-transfer.service.ts';
import { checkSurvivorForDuplicates } from '../../services/matching/check.service.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { jobHandlers } from '../../server/job-handlers.ts';
import { consent, register } from '../casework-fixtures.ts';
import { createCompound, png, upload } from '../monitoring-fixtures.ts';
import { createUser } from '../../services/accounts.service.ts';
import { hashPassword } from '../../services/passwords.service.ts';
import { createTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../test-server.ts';

/**
 * The authorisation matrix, generated from the permission table (core/permissions/matrix.ts) and
 * the OpenAPI route list: every role of every organisation × every route with an id × every
 * resource that organisation must not reach (another organisation's, another nationality's, an
 * unconsented national's, a shelter's or clinic's without a referral for it) is refused with
 * 403/404 and changes nothing; the owning organisation's permitted roles get a 2xx on the same
 * route (positive controls), so a server that refuses everything cannot pass.
 *
 * This module is the shared world and the checks; the routes are reviewed by area, each in its own file here
 * (access, casework, care, matching, monitoring, networks, reporting), and each area runs as its own test file under
 * src/server/authorisation-matrix/ so a failure names its area and the areas run in parallel. A route in
 * /api/openapi.json without an entry in any area fails coverage.routes.test.ts: a new route is reviewed here (which
 * resource its ids name, or why it has none) before it ships.
 */

// ---------------------------------------------------------------------------------------------
// The world: eight organisations, each with one user per role.
// ---------------------------------------------------------------------------------------------

export const ORGS = {
  alpha: { kind: 'ngo', nationalities: [] }, // owns every casework resource below
  beta: { kind: 'ngo', nationalities: [] }, // another organisation
  gamma: { kind: 'ngo', nationalities: [] }, // holds the other side of a cross-organisation match
  clinic: { kind: 'clinic', nationalities: [] }, // receives one referral, for the consented case only
  shelter: { kind: 'shelter', nationalities: [] }, // a shelter without any referral
  embId: { kind: 'embassy', nationalities: ['ID'] }, // the survivors' embassy: consented national only
  embTh: { kind: 'embassy', nationalities: ['TH'] }, // another nationality's embassy
  watch: { kind: 'monitor', nationalities: [] }, // owns monitoring resources (restricted evidence)
} as const satisfies Record<string, { kind: OrganisationKind; nationalities: string[] }>;
export type Org = keyof typeof ORGS;
export const ORG_NAMES = Object.keys(ORGS) as Org[];

/**
 * What an :id in a route names. Organisation-scoped kinds have an owner; shared kinds are monitoring data every role
 * with the permission may use.
 */
export const KINDS = {
  survivor: 'alpha',
  case: 'alpha',
  need: 'alpha',
  attachment: 'alpha',
  referral: 'alpha',
  followup: 'alpha',
  alert: 'alpha',
  proposal: 'alpha',
  link: 'alpha',
  job: 'alpha',
  evidence: 'watch',
  compound: 'shared',
  event: 'shared',
  monitoringAlert: 'shared',
} as const satisfies Record<string, Org | 'shared'>;
export type Kind = keyof typeof KINDS;

/**
 * One resource: the values for the route's path parameters, in order, and who may legitimately reach it besides its
 * owner.
 */
export interface Instance {
  label: string;
  params: string[];
  visibleTo: Org[];
}

// ---------------------------------------------------------------------------------------------
// Permissions, stated with the permission table: "read:case@org" = a scope of organisation or
// all for (read, case); "@all" = scope all; no suffix = any scope.
// ---------------------------------------------------------------------------------------------

export type Requirement = `${Action}:${Resource}` | `${Action}:${Resource}@org` | `${Action}:${Resource}@all`;
export function granted(role: Role, req: Requirement): boolean {
  const [ar, at] = req.split('@');
  const [action, resource] = ar!.split(':') as [Action, Resource];
  const scope = scopeFor([role], action, resource);
  if (at === 'org') return scope === 'organisation' || scope === 'all';
  if (at === 'all') return scope === 'all';
  return scope !== null;
}
export const allOf =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    reqs.every((r) => granted(role, r));
export const anyOf =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    reqs.some((r) => granted(role, r));
const SENSITIVE: readonly Role[] = ['analyst', 'admin'];
/**
 * Restricted evidence: the permission, and an analyst or admin of a monitor organisation
 * (services/monitoring/access.service.ts).
 */
export const sensitive =
  (...reqs: Requirement[]) =>
  (role: Role) =>
    SENSITIVE.includes(role) && allOf(...reqs)(role);

export type World = Record<Kind, Instance[]> & { clinicId: string };

export interface IdRoute {
  kind: Kind;
  /** Which roles of the owning organisation may use this route (derived from the permission table). */
  permitted: (role: Role) => boolean;
  body?: (w: World) => unknown;
  /** The permitted actor of an unsafe positive control, when it is not the owner's first permitted role. */
  positive?: { org: Org; role: Role; instance?: number };
  /** Extra positive controls for reads by another organisation that is entitled (e.g. the referral receiver). */
  alsoReads?: { org: Org; role: Role }[];
}
export interface NoIdRoute {
  none: string;
  /** A list: must not contain the id of anything the caller may not reach. */ list?: boolean;
}
export type Expectation = IdRoute | NoIdRoute;

export const caseRead = allOf('read:case@org');
export const caseUpdate = allOf('update:case@org');

export const isIdRoute = (e: Expectation): e is IdRoute => 'kind' in e;
export const UNSAFE = (method: string) => method !== 'GET';

// ---------------------------------------------------------------------------------------------
// "Nothing changed": a digest of every table's content. Sessions, rate limits and users (last
// seen) move on every request; the audit trail may gain sign-in events and, once refused access
// is audited (issue #8 section 5), entries recording the refusal.
// ---------------------------------------------------------------------------------------------

const VOLATILE = new Set(['sessions', 'rate_limits', 'users', 'audit_events']);

async function digest(t: TestServer, tables: string[]): Promise<Record<string, string>> {
  const cols = tables.map(
    (tb) =>
      sql`(SELECT md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) FROM ${sql.table(tb)} x) AS ${sql.ref(tb)}`,
  );
  const { rows } = await asSystem(t.database, (trx) =>
    sql<Record<string, string>>`SELECT ${sql.join(cols)},
    (SELECT count(*) FROM audit_events WHERE action NOT LIKE 'auth.%' AND action NOT LIKE '%refus%' AND action NOT LIKE '%denied%' AND action NOT LIKE '%forbidden%')::text AS audit_events`.execute(
      trx,
    ),
  );
  return rows[0]!;
}

const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((k) => a[k] !== b[k]);

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const fill = (path: string, params: string[]) => {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => params[i++]!);
};

/** The matrix's checks over one area's routes, on both engines, each engine with a world of its own. */
export function describeMatrix(area: string, expectations: Readonly<Record<string, Expectation>>): void {
  describe.each(DATABASE_KINDS)(`authorisation matrix: ${area} on %s`, (engine) => {
    let t: TestServer;
    let tables: string[];
    const users = {} as Record<Org, Record<Role, TestClient>>;
    let world: World;

    beforeAll(async () => {
      t = await createTestServer(engine);
      for (const org of ORG_NAMES) await t.org(org, ORGS[org].kind, [...ORGS[org].nationalities]);
      // One password hash for all 48 users; the per-address sign-in limit is reset between organisations.
      const passwordHash = await hashPassword(TEST_PASSWORD);
      for (const org of ORG_NAMES) {
        users[org] = {} as Record<Role, TestClient>;
        for (const role of ROLES)
          await createUser(
            t.app,
            {
              email: `${role}@${org}.matrix.test`,
              displayName: `${role} ${org}`,
              password: TEST_PASSWORD,
              memberships: [{ organisation: org, role }],
            },
            null,
            undefined,
            passwordHash,
          );
        await Promise.all(
          ROLES.map(async (role) => {
            users[org][role] = await t.signIn(`${role}@${org}.matrix.test`);
          }),
        );
        await asSystem(t.database, (trx) => sql`DELETE FROM rate_limits`.execute(trx));
      }
      const cw = users.alpha.caseworker;
      const clinicId = await t.org('clinic');
      // A national of ID who consented to her embassy and to the clinic; one who consented to nothing.
      const consented = await register(cw, {
        names: [{ value: 'Ratna Sari', script: 'Latn', preferred: true }],
        contacts: [{ channel: 'phone', value: '+62 811 1111 1111' }],
        consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId], useInStatistics: true }),
      });
      const unconsented = await register(cw, {
        names: [{ value: 'Wulan Dari', script: 'Latn', preferred: true }],
        contacts: [{ channel: 'phone', value: '+62 822 2222 2222' }],
        consent: consent(),
      });
      const pngBytes = (await png(7)).toString('base64');
      const perCase = async (caseId: string) => {
        const need = (await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' }))
          .json.id as string;
        const attachment = (
          await cw.request('POST', `/api/cases/${caseId}/attachments`, {
            fileName: 'p.png',
            contentType: 'image/png',
            dataBase64: pngBytes,
          })
        ).json.id as string;
        const followUp = (await cw.request('GET', `/api/cases/${caseId}`)).json.followUps[0].id as string;
        return { need, attachment, followUp };
      };
      const c = await perCase(consented.caseId);
      const u = await perCase(unconsented.caseId);
      const referral = await cw.request('POST', '/api/referrals', {
        caseId: consented.caseId,
        toOrganisationId: clinicId,
      });
      if (referral.status !== 201) throw new Error(`referral: ${referral.status} ${referral.body}`);
      // A duplicate pair within alpha (proposal + alert) and a cross-organisation pair with gamma (link request).
      const person = (name: string, phone: string) => ({
        names: [{ value: name, script: 'Latn', preferred: true }],
        nationalities: ['MM'],
        dateOfBirth: '1993-04-05',
        contacts: [{ channel: 'phone', value: phone }],
        consent: consent({ crossOrganisationMatching: true }),
      });
      const first = await register(cw, person('Aung Kyaw Moe', '+95 9 420 111 222'));
      const twin = await register(cw, person('AUNG KYAW MOE', '+95 9 420 111 222'));
      t.app.advance(60_000); // gamma registers later, so alpha holds the earlier record and is the one asked
      const theirs = await register(users.gamma.caseworker, person('Aung Kyaw Moe', '09 420 111 222'));
      await checkSurvivorForDuplicates(t.app, null, twin.survivorId);
      await checkSurvivorForDuplicates(t.app, null, theirs.survivorId);
      // The cross-organisation search runs as the system's own job.
      const runner = new JobRunner(t.app, jobHandlers);
      while (await runner.runOnce()) {
        /* run every queued job */
      }
      // Alpha holds the earlier record, so alpha is asked; gamma (the later registration) learns nothing.
      const proposals = (await cw.request('GET', `/api/matching/survivors/${first.survivorId}/proposals`)).json
        .items as {
        id: string;
        sameOrganisation: boolean;
        link: { id: string } | null;
      }[];
      const same = proposals.find((p) => p.sameOrganisation)?.id;
      const crossProposal = proposals.find((p) => !p.sameOrganisation);
      const cross = crossProposal?.id;
      const link = crossProposal?.link?.id;
      if (!same || !cross || !link) throw new Error(`matching fixtures: ${JSON.stringify(proposals)}`);
      const alert = ((await cw.request('GET', '/api/alerts?kind=possible_duplicate')).json.items as { id: string }[])[0]
        ?.id;
      if (!alert) throw new Error('no duplicate alert');
      const job = (await users.alpha.admin.request('POST', '/api/jobs', { kind: 'audit.verify' })).json.id as string;
      // Monitoring: a compound, an event with its alert and a restricted evidence item, all by the monitor.
      const analyst = users.watch.analyst;
      const compound = await createCompound(analyst, 'Matrix Park', 103.5, 10.6);
      const raid = await analyst.request('POST', '/api/monitoring/events', {
        compoundId: compound,
        kind: 'raid',
        date: '2025-01-01',
        confidence: 'high',
      });
      if (raid.status !== 201 || !raid.json.alerts?.[0]) throw new Error(`event: ${raid.status} ${raid.body}`);
      const restricted = await upload(
        t,
        analyst,
        await png(1),
        { kind: 'photo', fileName: 'gate.png', sensitivity: 'restricted' },
        'image/png',
      );
      if (restricted.status !== 201) throw new Error(`evidence: ${restricted.status}`);

      world = {
        clinicId,
        survivor: [
          { label: 'consented survivor', params: [consented.survivorId], visibleTo: ['embId'] },
          { label: 'unconsented survivor', params: [unconsented.survivorId], visibleTo: [] },
        ],
        case: [
          { label: 'consented case', params: [consented.caseId], visibleTo: ['embId'] },
          { label: 'unconsented case', params: [unconsented.caseId], visibleTo: [] },
        ],
        need: [
          { label: 'consented need', params: [c.need], visibleTo: ['embId'] },
          { label: 'unconsented need', params: [u.need], visibleTo: [] },
        ],
        attachment: [
          { label: 'consented attachment', params: [consented.caseId, c.attachment], visibleTo: ['embId'] },
          { label: 'unconsented attachment', params: [unconsented.caseId, u.attachment], visibleTo: [] },
        ],
        followup: [
          { label: 'consented follow-up', params: [c.followUp], visibleTo: ['embId'] },
          { label: 'unconsented follow-up', params: [u.followUp], visibleTo: [] },
        ],
        referral: [{ label: 'referral to the clinic', params: [referral.json.id], visibleTo: ['clinic'] }],
        alert: [{ label: 'duplicate alert', params: [alert], visibleTo: [] }],
        proposal: [
          { label: 'match within alpha', params: [same], visibleTo: [] },
          { label: 'match with gamma', params: [cross], visibleTo: [] },
        ],
        link: [{ label: "link request about gamma's record", params: [link], visibleTo: [] }],
        job: [{ label: 'alpha job', params: [job], visibleTo: [] }],
        evidence: [{ label: 'restricted evidence', params: [restricted.json.id], visibleTo: [] }],
        compound: [{ label: 'compound', params: [compound], visibleTo: ORG_NAMES }],
        event: [{ label: 'raid', params: [raid.json.event.id], visibleTo: ORG_NAMES }],
        monitoringAlert: [{ label: 'raid alert', params: [raid.json.alerts[0].id], visibleTo: ORG_NAMES }],
      };
      tables = (await tablesInDependencyOrder(t.database)).filter((tb) => !VOLATILE.has(tb));
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('gives every route a reason when it names no resource, and as many resources as its ids when it does', () => {
      for (const [route, e] of Object.entries(expectations)) {
        if (!isIdRoute(e)) {
          expect(e.none.length, route).toBeGreaterThan(5);
          continue;
        }
        expect((route.match(/\{/g) ?? []).length, route).toBe(world[e.kind][0]!.params.length);
      }
    });

    it('refuses every role of every organisation on every resource it may not reach, and changes nothing', async () => {
      const failures: string[] = [];
      let cells = 0;
      // Reads are checked under one digest (any write by a refused read shows up there); each unsafe route under its own.
      const idRoutes = Object.entries(expectations).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
      const reads = idRoutes.filter(([r]) => !UNSAFE(r.split(' ')[0]!));
      const readsBefore = await digest(t, tables);
      for (const [route, e] of [...reads, ...idRoutes.filter(([r]) => UNSAFE(r.split(' ')[0]!))]) {
        const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
        const owner = KINDS[e.kind];
        const attempts: { who: string; client: TestClient; url: string }[] = [];
        for (const org of ORG_NAMES)
          for (const role of ROLES)
            for (const instance of world[e.kind]) {
              // Refused: a role the table does not grant, anywhere; and any role of an organisation that is neither the
              // owner nor entitled to this resource.
              const entitledOrg = owner === 'shared' || org === owner || instance.visibleTo.includes(org);
              if (entitledOrg && e.permitted(role)) continue;
              if (entitledOrg && org !== owner && owner !== 'shared') continue; // entitled through sharing: its own rules, tested elsewhere
              attempts.push({
                who: `${role}@${org} → ${instance.label}`,
                client: users[org][role],
                url: fill(path, instance.params),
              });
            }
        // Each route is refused to someone: none would mean the entry or the world lets everyone through unchecked.
        if (attempts.length === 0) failures.push(`${route}: no refusal cell — the entry or the world cannot be right`);
        const before = UNSAFE(method) ? await digest(t, tables) : null;
        await inBatches(attempts, 12, async (a) => {
          const res = await a.client.request(method, a.url, e.body?.(world));
          cells++;
          if (res.status !== 403 && res.status !== 404)
            failures.push(`${route} as ${a.who}: ${res.status} ${res.body.slice(0, 160)}`);
        });
        if (before) {
          const moved = changed(before, await digest(t, tables));
          if (moved.length) failures.push(`${route}: refused requests changed ${moved.join(', ')}`);
        } else if (route === reads[reads.length - 1]![0]) {
          const moved = changed(readsBefore, await digest(t, tables));
          if (moved.length) failures.push(`refused reads changed ${moved.join(', ')}`);
        }
      }
      console.log(`[authorisation matrix] ${area} on ${engine}: ${cells} refusal cells checked`);
      expect(failures).toEqual([]);
      expect(cells).toBeGreaterThanOrEqual(idRoutes.length);
    }, 300_000);

    it('answers a resource its caller may not reach exactly as one that does not exist (no existence oracle)', async () => {
      // A 403 for another organisation's case and a 404 for a made-up id would tell a compromised partner account which
      // ids are real (and so that a person is held somewhere). Every refused cell must answer like an id nobody has:
      // the same status, code, params and wording.
      const failures: string[] = [];
      let cells = 0;
      const shape = (res: { status: number; json: unknown }) => {
        const { requestId: _requestId, ...rest } = (res.json ?? {}) as Record<string, unknown>;
        return JSON.stringify({ status: res.status, ...rest });
      };
      const idRoutes = Object.entries(expectations).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
      for (const [route, e] of idRoutes) {
        const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
        const owner = KINDS[e.kind];
        if (owner === 'shared') continue; // shared monitoring data exists for everyone by design
        const nowhere = world[e.kind][0]!.params.map(() => randomUUID());
        const phantom = new Map<string, string>();
        const before = UNSAFE(method) ? await digest(t, tables) : null;
        const attempts: { who: string; org: Org; role: Role; url: string }[] = [];
        for (const org of ORG_NAMES)
          for (const role of ROLES)
            for (const instance of world[e.kind]) {
              if (org === owner || instance.visibleTo.includes(org)) continue; // the owner and the entitled know it exists
              attempts.push({ who: `${role}@${org} → ${instance.label}`, org, role, url: fill(path, instance.params) });
            }
        if (attempts.length === 0)
          failures.push(`${route}: no existence cell — the entry or the world cannot be right`);
        await inBatches([...new Set(attempts.map((a) => `${a.org}/${a.role}`))], 12, async (key) => {
          const [org, role] = key.split('/') as [Org, Role];
          phantom.set(key, shape(await users[org][role].request(method, fill(path, nowhere), e.body?.(world))));
        });
        await inBatches(attempts, 12, async (a) => {
          const res = await users[a.org][a.role].request(method, a.url, e.body?.(world));
          cells++;
          const got = shape(res);
          const expected = phantom.get(`${a.org}/${a.role}`)!;
          if (got !== expected)
            failures.push(`${route} as ${a.who}: ${got.slice(0, 200)} ≠ made-up id ${expected.slice(0, 200)}`);
        });
        if (before) {
          const moved = changed(before, await digest(t, tables));
          if (moved.length) failures.push(`${route}: requests with made-up or hidden ids changed ${moved.join(', ')}`);
        }
      }
      console.log(`[authorisation matrix] ${area} on ${engine}: ${cells} existence cells checked`);
      expect(failures).toEqual([]);
      expect(cells).toBeGreaterThanOrEqual(idRoutes.filter(([, e]) => KINDS[e.kind] !== 'shared').length);
    }, 300_000);

    it('shows no list a resource its caller may not reach', async () => {
      const failures: string[] = [];
      let cells = 0;
      const hidden = (org: Org) =>
        (Object.keys(KINDS) as Kind[]).flatMap((k) =>
          KINDS[k] === 'shared' || KINDS[k] === org
            ? []
            : world[k]
                .filter((i) => !i.visibleTo.includes(org))
                .flatMap((i) => i.params.map((p) => ({ id: p, label: `${i.label} (${k})` }))),
        );
      for (const [route, e] of Object.entries(expectations)) {
        if (isIdRoute(e) || !e.list) continue;
        const path = route.split(' ')[1]!;
        for (const org of ORG_NAMES) {
          const secrets = hidden(org);
          await inBatches([...ROLES], 6, async (role) => {
            const res = await users[org][role].request('GET', path);
            cells++;
            if (res.status >= 500) failures.push(`${route} as ${role}@${org}: ${res.status}`);
            for (const s of secrets)
              if (res.body.includes(s.id)) failures.push(`${route} as ${role}@${org} shows ${s.label}`);
          });
        }
      }
      console.log(`[authorisation matrix] ${area} on ${engine}: ${cells} list cells checked`);
      expect(failures).toEqual([]);
    }, 120_000);

    it("positive controls: the owner's permitted roles (and entitled organisations) get a 2xx on the same routes", async () => {
      const failures: string[] = [];
      let cells = 0;
      const entries = Object.entries(expectations).filter((x): x is [string, IdRoute] => isIdRoute(x[1]));
      const ordered = [
        ...entries.filter(([r]) => !UNSAFE(r.split(' ')[0]!)),
        ...entries.filter(([r]) => UNSAFE(r.split(' ')[0]!)),
      ];
      for (const [route, e] of ordered) {
        const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH', string];
        const owner = KINDS[e.kind] === 'shared' ? 'watch' : (KINDS[e.kind] as Org);
        const instance = world[e.kind][e.positive?.instance ?? 0]!;
        const actors = UNSAFE(method)
          ? [e.positive ?? { org: owner, role: ROLES.find((r) => e.permitted(r))! }]
          : [...ROLES.filter((r) => e.permitted(r)).map((role) => ({ org: owner, role })), ...(e.alsoReads ?? [])];
        if (!actors.length || !actors[0]!.role)
          failures.push(`${route}: no role of the owner is permitted — the entry cannot be right`);
        for (const a of actors) {
          const res = await users[a.org][a.role].request(method, fill(path, instance.params), e.body?.(world));
          cells++;
          if (res.status < 200 || res.status > 299)
            failures.push(
              `${route} as ${a.role}@${a.org} → ${instance.label}: ${res.status} ${res.body.slice(0, 160)}`,
            );
        }
      }
      console.log(`[authorisation matrix] ${area} on ${engine}: ${cells} positive controls`);
      expect(failures).toEqual([]);
    }, 120_000);
  });
}
