import {
  insertMembership,
  insertOrganisation,
  insertUser,
  findOrganisation,
  findUserByEmail,
  listOrganisations,
  replacePermissions,
  searchOrganisations,
  type OrganisationRow,
} from '../db/repositories/accounts.repository.ts';
import { asSystem, type Tx } from '../db/transaction.ts';
import { PERMISSIONS } from '../core/permissions/matrix.ts';
import type { OrganisationKind, Role } from '../core/vocabulary.ts';
import { audit, type AuditActor } from './audit.service.ts';
import { claimDeploymentFor } from './deployment.service.ts';
import type { AppContext } from './context.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { hashPassword, passwordProblem } from './passwords.service.ts';

type Who = AuditActor | null;

export interface NewOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  nationalitiesServed?: string[];
  city?: string | null;
  requireTotp?: boolean;
  isDemo?: boolean;
}

export async function createOrganisation(
  app: AppContext,
  input: NewOrganisation,
  by: Who = null,
  trx?: Tx,
): Promise<OrganisationRow> {
  if (input.kind === 'embassy' && !(input.nationalitiesServed ?? []).length)
    throw invalid({ nationalitiesServed: 'an embassy serves at least one nationality' });
  const run = async (t: Tx) => {
    await claimDeploymentFor(t, input.isDemo ? 'demo' : 'real');
    if (await findOrganisation(t, input.slug)) throw conflict(`an organisation called ${input.slug} exists already`);
    const org: OrganisationRow = {
      id: app.newId(),
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      nationalitiesServed: (input.nationalitiesServed ?? []).map((n) => n.toUpperCase()),
      city: input.city ?? null,
      requireTotp: input.requireTotp ?? false,
      isDemo: input.isDemo ?? false,
    };
    await insertOrganisation(t, org);
    await audit(t, app, by, 'organisation.create', 'organisation', org.id, { slug: org.slug, kind: org.kind });
    return org;
  };
  return trx ? run(trx) : asSystem(app.database, run);
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  locale?: string;
  totpExempt?: boolean;
  isDemo?: boolean;
  memberships?: { organisation: string; role: Role }[];
}

export async function createUser(
  app: AppContext,
  input: NewUser,
  by: Who = null,
  trx?: Tx,
  passwordHash?: string,
): Promise<{ id: string }> {
  if (!passwordHash) {
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw invalid({ password: problem });
  }
  const hashed = passwordHash ?? (await hashPassword(input.password));
  const run = async (t: Tx) => {
    if (await findUserByEmail(t, input.email)) throw conflict('a user with that email exists already');
    const id = app.newId();
    await insertUser(t, {
      id,
      email: input.email,
      displayName: input.displayName,
      passwordHash: hashed,
      locale: input.locale ?? 'en',
      totpExempt: input.totpExempt ?? false,
      isDemo: input.isDemo ?? false,
    });
    for (const m of input.memberships ?? []) {
      const org = await findOrganisation(t, m.organisation);
      if (!org) throw notFound(`organisation ${m.organisation}`);
      await insertMembership(t, id, org.id, m.role);
    }
    await audit(t, app, by, 'user.create', 'user', id, { memberships: (input.memberships ?? []).map((m) => m.role) });
    return { id };
  };
  return trx ? run(trx) : asSystem(app.database, run);
}

export async function addMembership(
  app: AppContext,
  email: string,
  organisation: string,
  role: Role,
  by: Who = null,
): Promise<void> {
  await asSystem(app.database, async (t) => {
    const user = await findUserByEmail(t, email);
    if (!user) throw notFound(`user ${email}`);
    const org = await findOrganisation(t, organisation);
    if (!org) throw notFound(`organisation ${organisation}`);
    await insertMembership(t, user.id, org.id, role);
    await audit(t, app, by, 'membership.create', 'user', user.id, { organisationId: org.id, role });
  });
}

export function listAllOrganisations(app: AppContext): Promise<OrganisationRow[]> {
  return asSystem(app.database, (t) => listOrganisations(t));
}

/** Copies the permission matrix from core into the `permissions` table (run after migrations). */
export async function syncPermissions(app: AppContext): Promise<void> {
  await asSystem(app.database, (t) => replacePermissions(t, PERMISSIONS));
}

export interface DirectoryPage {
  items: { id: string; name: string; kind: OrganisationKind; nationalitiesServed: string[]; city: string | null }[];
  nextCursor: string | null;
}

/** Who else responds: names and kinds only (no people), for any signed-in member. */
export async function organisationDirectory(
  app: AppContext,
  filter: { kinds?: OrganisationKind[]; q?: string; cursor?: string; limit: number },
): Promise<DirectoryPage> {
  let after: { name: string; id: string } | undefined;
  if (filter.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(filter.cursor, 'base64url').toString('utf8')) as {
        name?: unknown;
        id?: unknown;
      };
      if (typeof parsed.name !== 'string' || typeof parsed.id !== 'string' || !/^[0-9a-f-]{36}$/.test(parsed.id))
        throw new Error('bad cursor');
      after = { name: parsed.name, id: parsed.id };
    } catch {
      throw invalid({ 'querystring.cursor': 'not a cursor from a previous page' });
    }
  }
  const rows = await asSystem(app.database, (t) =>
    searchOrganisations(t, { kinds: filter.kinds, q: filter.q, after, limit: filter.limit + 1 }),
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      nationalitiesServed: o.nationalitiesServed,
      city: o.city,
    })),
    nextCursor:
      rows.length > filter.limit && last
        ? Buffer.from(JSON.stringify({ name: last.name, id: last.id })).toString('base64url')
        : null,
  };
}
