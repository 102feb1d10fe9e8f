import type { Insertable, Selectable } from 'kysely';
import type { OrganisationsTable, PermissionsTable } from '../schema.ts';
import type { Queryable } from '../transaction.ts';
import type { OrganisationKind, Role } from '../../core/vocabulary.ts';

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  nationalitiesServed: string[];
  city: string | null;
  requireTotp: boolean;
  isDemo: boolean;
}
export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  locale: string;
  totpSecretEnc: string | null;
  totpEnabled: boolean;
  totpExempt: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  isDemo: boolean;
}
export interface MembershipRow {
  organisationId: string;
  role: Role;
}

const orgColumns = ['id', 'slug', 'name', 'kind', 'nationalities_served', 'city', 'require_totp', 'is_demo'] as const;

export function toOrganisation(r: Pick<Selectable<OrganisationsTable>, (typeof orgColumns)[number]>): OrganisationRow {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    nationalitiesServed: r.nationalities_served,
    city: r.city,
    requireTotp: r.require_totp,
    isDemo: r.is_demo,
  };
}

export async function insertOrganisation(trx: Queryable, org: OrganisationRow): Promise<void> {
  await trx
    .insertInto('organisations')
    .values({
      id: org.id,
      slug: org.slug,
      name: org.name,
      kind: org.kind,
      nationalities_served: org.nationalitiesServed,
      city: org.city,
      require_totp: org.requireTotp,
      is_demo: org.isDemo,
    })
    .execute();
}

export async function findOrganisation(trx: Queryable, idOrSlug: string): Promise<OrganisationRow | null> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const row = await trx
    .selectFrom('organisations')
    .select(orgColumns)
    .where(isUuid ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

export async function listOrganisations(trx: Queryable): Promise<OrganisationRow[]> {
  const rows = await trx.selectFrom('organisations').select(orgColumns).orderBy('name').execute();
  return rows.map(toOrganisation);
}

export async function setOrganisationRequireTotp(trx: Queryable, id: string, require: boolean): Promise<void> {
  await trx.updateTable('organisations').set({ require_totp: require }).where('id', '=', id).execute();
}

const userColumns = [
  'id',
  'email',
  'display_name',
  'password_hash',
  'locale',
  'totp_secret_enc',
  'totp_enabled',
  'totp_exempt',
  'failed_logins',
  'locked_until',
  'is_demo',
] as const;

export function toUser(r: {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  totp_exempt: boolean;
  failed_logins: number;
  locked_until: string | null;
  is_demo: boolean;
}): UserRow {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    locale: r.locale,
    totpSecretEnc: r.totp_secret_enc,
    totpEnabled: r.totp_enabled,
    totpExempt: r.totp_exempt,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    isDemo: r.is_demo,
  };
}

export async function insertUser(
  trx: Queryable,
  user: Omit<UserRow, 'failedLogins' | 'lockedUntil' | 'totpEnabled' | 'totpSecretEnc'>,
): Promise<void> {
  await trx
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email.toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      locale: user.locale,
      totp_exempt: user.totpExempt,
      is_demo: user.isDemo,
      totp_secret_enc: null,
      locked_until: null,
    })
    .execute();
}

export async function findUserByEmail(trx: Queryable, email: string): Promise<UserRow | null> {
  const row = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserById(trx: Queryable, id: string): Promise<UserRow | null> {
  const row = await trx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function recordLoginFailure(trx: Queryable, userId: string, lockUntil: string | null): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), ...(lockUntil ? { locked_until: lockUntil } : {}) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function lockUser(trx: Queryable, userId: string, until: string): Promise<void> {
  await trx.updateTable('users').set({ locked_until: until }).where('id', '=', userId).execute();
}

export async function clearLoginFailures(trx: Queryable, userId: string): Promise<void> {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setTotp(
  trx: Queryable,
  userId: string,
  secretEnc: string | null,
  enabled: boolean,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret_enc: secretEnc, totp_enabled: enabled })
    .where('id', '=', userId)
    .execute();
}

export async function insertMembership(
  trx: Queryable,
  userId: string,
  organisationId: string,
  role: Role,
): Promise<void> {
  await trx
    .insertInto('memberships')
    .values({ user_id: userId, organisation_id: organisationId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function membershipsOf(
  trx: Queryable,
  userId: string,
): Promise<(MembershipRow & { organisation: OrganisationRow })[]> {
  const rows = await trx
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.organisation_id',
      'm.role',
      'o.id',
      'o.slug',
      'o.name',
      'o.kind',
      'o.nationalities_served',
      'o.city',
      'o.require_totp',
      'o.is_demo',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    role: r.role,
    organisation: toOrganisation(r),
  }));
}

export async function replacePermissions(trx: Queryable, rows: readonly Insertable<PermissionsTable>[]): Promise<void> {
  await trx.deleteFrom('permissions').execute();
  if (rows.length)
    await trx
      .insertInto('permissions')
      .values([...rows])
      .execute();
}

/** The directory of responders, by name, for pickers (referrals, consent). Keyset-paginated on (name, id). */
export async function searchOrganisations(
  trx: Queryable,
  filter: { kinds?: OrganisationKind[]; q?: string; after?: { name: string; id: string }; limit: number },
): Promise<OrganisationRow[]> {
  let q = trx.selectFrom('organisations').select(orgColumns);
  if (filter.kinds?.length) q = q.where('kind', 'in', filter.kinds);
  if (filter.q) q = q.where('name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.after) {
    const after = filter.after;
    q = q.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  const rows = await q.orderBy('name').orderBy('id').limit(filter.limit).execute();
  return rows.map(toOrganisation);
}

export async function setPasswordHash(trx: Queryable, userId: string, passwordHash: string, at: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: at, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** Records that the TOTP time step `step` was used; false when it (or a later one) was used already: a replay. */
export async function claimTotpStep(trx: Queryable, userId: string, step: number): Promise<boolean> {
  const row = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export type AccountTokenPurpose = 'totp_enrolment' | 'password_reset';

/** Stores a one-time code by its hash, replacing any earlier unused code of the same purpose for the user. */
export async function insertAccountToken(
  trx: Queryable,
  t: {
    tokenHash: string;
    userId: string;
    purpose: AccountTokenPurpose;
    issuedBy: string | null;
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await trx
    .deleteFrom('account_tokens')
    .where('user_id', '=', t.userId)
    .where('purpose', '=', t.purpose)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('account_tokens')
    .values({
      token_hash: t.tokenHash,
      user_id: t.userId,
      purpose: t.purpose,
      issued_by: t.issuedBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Uses a one-time code: marks it used and returns its user, or null when unknown, used, expired or for another purpose.
 */
export async function consumeAccountToken(
  trx: Queryable,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  now: string,
  userId?: string,
): Promise<string | null> {
  let q = trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now);
  if (userId) q = q.where('user_id', '=', userId);
  const row = await q.returning('user_id').executeTakeFirst();
  return row?.user_id ?? null;
}

/** The organisation's kind, or null when there is no such organisation. */
export async function findOrganisationKind(trx: Queryable, id: string): Promise<OrganisationKind | null> {
  const row = await trx.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
  return (row?.kind ?? null) as OrganisationKind | null;
}

/** Locks the account until `until` after too many failed sign-ins, and starts counting afresh. */
export async function lockUserAfterFailures(trx: Queryable, userId: string, until: string): Promise<void> {
  await trx.updateTable('users').set({ locked_until: until, failed_logins: 0 }).where('id', '=', userId).execute();
}

/**
 * The email of the user an unused, unexpired password-reset code belongs to (for the password rules), else undefined.
 */
export async function findPasswordResetOwner(
  trx: Queryable,
  tokenHash: string,
  now: string,
): Promise<{ email: string } | undefined> {
  return trx
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .select(['users.email'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'password_reset')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export interface DemoSignInRow {
  email: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
}

/** Every membership of a demo user (is_demo), by organisation name: the sign-ins a demo deployment shows. */
export async function listDemoSignIns(trx: Queryable): Promise<DemoSignInRow[]> {
  const rows = await trx
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['u.email', 'o.name', 'o.kind', 'm.role'])
    .where('u.is_demo', '=', true)
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    organisationName: r.name,
    organisationKind: r.kind as OrganisationKind,
    role: r.role as Role,
  }));
}

/** Whether any demo organisation is present (the demo scenario is loaded). */
export async function anyDemoOrganisation(trx: Queryable): Promise<boolean> {
  return !!(await trx.selectFrom('organisations').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst());
}

/** Display names and organisations of the given users, for attribution (core/permissions/attribution.ts). */
export async function membershipsOfUsers(
  trx: Queryable,
  userIds: readonly string[],
): Promise<Map<string, { displayName: string; organisations: { id: string; name: string }[] }>> {
  const out = new Map<string, { displayName: string; organisations: { id: string; name: string }[] }>();
  if (userIds.length === 0) return out;
  const rows = await trx
    .selectFrom('users as u')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.display_name', 'o.id as organisation_id', 'o.name as organisation_name'])
    .where('u.id', 'in', [...new Set(userIds)])
    .orderBy('u.id')
    .orderBy('o.name')
    .execute();
  for (const r of rows) {
    const person = out.get(r.id) ?? { displayName: r.display_name, organisations: [] };
    out.set(r.id, person);
    // A user holds one membership row per role: list each organisation once.
    if (r.organisation_id && r.organisation_name && !person.organisations.some((o) => o.id === r.organisation_id))
      person.organisations.push({ id: r.organisation_id, name: r.organisation_name });
  }
  return out;
}
