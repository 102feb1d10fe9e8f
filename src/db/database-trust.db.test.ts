import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import { asSystem } from './transaction.ts';
import { asInjection as injected, countVisible as count } from '../testing/sql-injection.ts';
import { insertSession } from './repositories/sessions.repository.ts';
import { hashToken } from '../services/sessions.service.ts';
import { loadDemo } from '../services/demo/load.ts';
import { NETWORK_ALERT_KINDS } from '../core/alerts/kinds.ts';

/**
 * Issue #8 §4: row-level security that does not trust the application. These tests act as an SQL
 * injection would: raw statements on the request connection, as refuge_app, with any settings it
 * likes, against the demo dataset: every table refuses a forged or foreign actor. Who the connection
 * itself is (sessions it cannot mint, job sessions, the role it cannot leave on PostgreSQL, the escape
 * PGlite cannot prevent) is request-role.db.test.ts.
 */
describe.each(DATABASE_KINDS)('database trust on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let victim: string; // the demo organisation holding the most survivors
  let other: string; // an organisation of the attacker's own, holding nothing
  let rlsTables: string[];
  let orgColumns: Map<string, string[]>; // table → its columns referencing organisations(id)
  const tokens: Record<string, string> = {};
  const asInjection = <T>(setup: Parameters<typeof injected>[1], fn: Parameters<typeof injected<T>>[2]) =>
    injected(database, setup, fn);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database, { now: new Date('2026-02-20T08:00:00Z') });
    await loadDemo(app, { seed: 11, survivors: 150 });
    const owner = async <T extends object>(text: string, params: unknown[] = []) =>
      (await database.pool.query<T>(text, params)).rows;
    victim = (
      await owner<{ id: string }>(
        'SELECT organisation_id AS id FROM survivors GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
      )
    )[0]!.id;
    other = app.newId();
    await owner(`INSERT INTO organisations(id, slug, name, kind) VALUES ($1, 'attacker-ngo', 'Attacker NGO', 'ngo')`, [
      other,
    ]);
    // The demo leaves a few organisation-scoped tables empty; one row each, so every refusal refuses something.
    await owner(
      `INSERT INTO case_notes(id, case_id, organisation_id, created_at, body_enc) SELECT gen_random_uuid(), id, organisation_id, now(), 'x' FROM cases WHERE organisation_id = $1 LIMIT 1`,
      [victim],
    );
    await owner(
      `INSERT INTO blobs(sha256, size, content_type, key_enc) VALUES (repeat('a', 64), 1, 'image/png', 'x') ON CONFLICT DO NOTHING`,
    );
    await owner(
      `INSERT INTO case_attachments(id, case_id, organisation_id, sha256, size, content_type, file_name_enc, created_at) SELECT gen_random_uuid(), id, organisation_id, repeat('a', 64), 1, 'image/png', 'x', now() FROM cases WHERE organisation_id = $1 LIMIT 1`,
      [victim],
    );
    await owner(
      `INSERT INTO jobs(id, kind, organisation_id, status) VALUES (gen_random_uuid(), 'seed', $1, 'succeeded')`,
      [victim],
    );
    await owner(
      `INSERT INTO link_requests(id, proposal_id, requesting_organisation_id, target_organisation_id, requested_at)
      SELECT gen_random_uuid(), id, organisation_a, organisation_b, now() FROM match_proposals WHERE organisation_a <> organisation_b
      ORDER BY (organisation_a = $1 OR organisation_b = $1) DESC LIMIT 1
      ON CONFLICT DO NOTHING`,
      [victim],
    ); // blind matching may have raised it already
    // The exchange on a referral (0017): a request on one of the victim organisation's referrals.
    await owner(
      `INSERT INTO referral_messages(id, referral_id, from_organisation_id, to_organisation_id, author_organisation_id, kind, body_enc, created_at)
      SELECT gen_random_uuid(), id, from_organisation_id, to_organisation_id, from_organisation_id, 'request', 'x', now() FROM referrals
      ORDER BY (from_organisation_id = $1 OR to_organisation_id = $1) DESC LIMIT 1`,
      [victim],
    );
    rlsTables = (
      await owner<{ t: string }>(`SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND c.relrowsecurity ORDER BY 1`)
    ).map((r) => r.t);
    orgColumns = new Map();
    for (const r of await owner<{
      t: string;
      col: string;
    }>(`SELECT cl.relname AS t, a.attname AS col FROM pg_constraint k
        JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
        WHERE k.contype = 'f' AND k.confrelid = 'public.organisations'::regclass`)) {
      orgColumns.set(r.t, [...(orgColumns.get(r.t) ?? []), r.col]);
    }
    // The tokens an attacker might hold or invent.
    const victimActor = await signedInActor(app, victim, ['admin']);
    tokens.victim = victimActor.sessionToken;
    tokens.otherOrganisation = (await signedInActor(app, other, ['admin'])).sessionToken;
    // Shared monitoring tables the demo leaves empty: an acknowledgement and an edit by the victim organisation.
    await owner(
      `INSERT INTO alert_acknowledgements(alert_id, organisation_id, acknowledged_by, acknowledged_at)
      SELECT id, $1, $2, now() FROM alerts WHERE organisation_id IS NULL LIMIT 1`,
      [victim, victimActor.userId],
    );
    await owner(
      `INSERT INTO monitoring_edits(id, subject_type, subject_id, organisation_id, user_id, at, action, fields, changes_enc)
      SELECT gen_random_uuid(), 'compound', id, $1, $2, now(), 'updated', '{names}', 'x' FROM compounds LIMIT 1`,
      [victim, victimActor.userId],
    );
    // A published statistics release (any signed-in session may read it; nobody without one).
    await owner(
      `INSERT INTO public_releases(id, seq, organisation_id, created_by, created_at, minimum_cell, figures)
      VALUES (gen_random_uuid(), (SELECT coalesce(max(seq), 0) + 1 FROM public_releases), $1, $2, now(), 11,
        '{"tables":[]}')`,
      [victim, victimActor.userId],
    );
    // Articles (0016): a story, a feed, an article with an actor and a claim, on a demo evidence item.
    await owner(`INSERT INTO article_stories(id, title) VALUES ('00000000-0000-4000-8000-0000000a0001', 'trust')`);
    await owner(
      `INSERT INTO article_feeds(id, url, organisation_id) VALUES (gen_random_uuid(), 'https://feed.example/rss', $1)`,
      [victim],
    );
    await owner(
      `INSERT INTO articles(evidence_id, story_id, text_sha256, text_enc, char_count, format, language, published_at, signature)
      SELECT id, '00000000-0000-4000-8000-0000000a0001', repeat('b', 64), 'x', 1, 'paste', 'en', now(), '{1}' FROM evidence
      WHERE kind <> 'testimony' AND sensitivity IN ('public','internal') LIMIT 1`,
    );
    await owner(
      `INSERT INTO article_actors(id, kind, names, name_keys) VALUES ('00000000-0000-4000-8000-0000000a0002', 'person', '{Trust}', '{w:trust}')`,
    );
    await owner(
      `INSERT INTO article_claims(id, article_id, kind, start_offset, end_offset, quote_enc, key, value, actor_id)
      SELECT gen_random_uuid(), evidence_id, 'person', 0, 1, 'x', 'person:Trust', '{}', '00000000-0000-4000-8000-0000000a0002' FROM articles LIMIT 1`,
    );
    // Field intake (0015, 0015b): an applied Idempotency-Key of the victim's account, a help request to the victim.
    await owner(
      `INSERT INTO idempotency_keys(id, user_id, organisation_id, idempotency_key, operation, response_status, record_enc,
        created_at) VALUES (gen_random_uuid(), $2, $1, 'trust-test-key', 'POST /api/survivors {}', 201, 'x', now())`,
      [victim, victimActor.userId],
    );
    await owner(
      `INSERT INTO help_requests(id, organisation_id, language, status, code_hash, content_enc, created_at, updated_at)
      VALUES (gen_random_uuid(), $1, 'km', 'received', 'trust-test-code', 'x', now(), now())`,
      [victim],
    );
    // A message queued to that request's contact (0026).
    await owner(
      `INSERT INTO outbound_messages(id, organisation_id, help_request_id, reason, language, envelope_enc, created_at)
      SELECT gen_random_uuid(), organisation_id, id, 'received', 'km', 'x', now() FROM help_requests
      WHERE code_hash = 'trust-test-code'`,
    );
    // Scheduled reports (0020): a schedule of the victim organisation and a report it produced.
    await owner(
      `INSERT INTO report_schedules(id, organisation_id, created_at, cadence, hour_utc, weekday, next_run_at)
      VALUES ('00000000-0000-4000-8000-0000000b0001', $1, now(), 'weekly', 6, 1, now())`,
      [victim],
    );
    await owner(
      `INSERT INTO generated_reports(id, organisation_id, schedule_id, created_at, sha256, size, filename)
      SELECT gen_random_uuid(), $1, '00000000-0000-4000-8000-0000000b0001', now(), sha256, size, 'trust.pdf'
      FROM blobs LIMIT 1`,
      [victim],
    );
    // Tracing and deaths (0024): a request recorded by the victim, a proposal to it about one of its survivors, a
    // death it reported.
    await owner(
      `INSERT INTO tracing_requests(id, organisation_id, requester_kind, consent_basis, details_enc, created_by, created_at)
      VALUES ('00000000-0000-4000-8000-0000000c0001', $1, 'family', 'requester_verbal', 'x', $2, now())`,
      [victim, victimActor.userId],
    );
    await owner(
      `INSERT INTO tracing_proposals(id, request_id, survivor_id, holder_organisation_id, summary_enc, match_weight,
        match_probability, levels, weights, settings_id, settings_version, threshold, created_at)
      SELECT gen_random_uuid(), '00000000-0000-4000-8000-0000000c0001', id, organisation_id, 'x', 10, 0.99, '{}', '{}',
        'survivors', 1, 0.9, now() FROM survivors WHERE organisation_id = $1 LIMIT 1`,
      [victim],
    );
    await owner(
      `INSERT INTO death_reports(id, organisation_id, context, day, details_enc, created_by, created_at)
      VALUES (gen_random_uuid(), $1, 'after_exit', '2026-02-01', 'x', $2, now())`,
      [victim, victimActor.userId],
    );
    // A shared sanctions-hit alert (networks), whatever the demo's screening raised.
    await owner(
      `INSERT INTO alerts(id, kind, organisation_id, severity, title, dedupe_key, subject_type, subject_id)
      SELECT gen_random_uuid(), 'sanctions_hit', NULL, 'high', 'trust hit', 'sanctions_hit:trust', 'compound', id::text
      FROM compounds LIMIT 1`,
    );
    // Wallet transfers (0022): shared network data, one transfer.
    await owner(
      `INSERT INTO wallet_transfers(chain, tx, from_address, to_address, amount, at, dataset, imported_at)
      VALUES ('tron', 'trust-tx', 'TTrustFrom', 'TTrustTo', 10, now(), 'trust', now())`,
    );
    // An entity import in progress (0032): the ids it has seen so far.
    const running = '00000000-0000-4000-8000-0000000e0001';
    await owner(`INSERT INTO entity_imports(id, dataset, source, started_at) VALUES ($1, 'trust', 'trust', now())`, [
      running,
    ]);
    await owner(`INSERT INTO entity_import_seen(import_id, entity_id) VALUES ($1, 'trust-entity')`, [running]);
    // A live session whose user has since left the organisation.
    const departed = await signedInActor(app, victim, ['admin']);
    tokens.departed = departed.sessionToken;
    await owner(`DELETE FROM memberships WHERE user_id = $1`, [departed.userId]);
    const stale = await signedInActor(app, victim, ['admin']);
    tokens.expired = randomBytes(32).toString('base64url');
    tokens.pendingSecondFactor = randomBytes(32).toString('base64url');
    await asSystem(database, async (trx) => {
      // Expired on the database's clock: an idle lifetime that ended a minute before it was last seen.
      await insertSession(trx, {
        tokenHash: hashToken(tokens.expired!),
        userId: stale.userId,
        organisationId: victim,
        csrfToken: 'x',
        secondFactorPassed: true,
        lastSeenAt: '2026-02-20T08:00:00.000Z',
        expiresAt: '2026-02-20T07:59:00.000Z',
      });
      await trx.updateTable('users').set({ totp_enabled: true }).where('id', '=', stale.userId).execute();
      await insertSession(trx, {
        tokenHash: hashToken(tokens.pendingSecondFactor!),
        userId: stale.userId,
        organisationId: victim,
        csrfToken: 'x',
        secondFactorPassed: false,
        lastSeenAt: '2026-02-20T08:00:00.000Z',
        expiresAt: '2026-02-20T20:00:00.000Z',
      });
    });
  }, 600_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('puts FORCE ROW LEVEL SECURITY on every table with row-level security, evidence_custody included', async () => {
    const { rows } = await database.pool.query<{
      t: string;
      force: boolean;
    }>(`SELECT c.relname AS t, c.relforcerowsecurity AS force FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND c.relrowsecurity ORDER BY 1`);
    expect(rows.filter((r) => !r.force).map((r) => r.t)).toEqual([]);
    // And every one refuses a caller without a signed-in session, whatever its other policies allow.
    const guarded = await database.pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_policies
      WHERE schemaname = 'public' AND policyname = 'refuge_signed_in' AND permissive = 'RESTRICTIVE'`);
    expect(rows.map((r) => r.t).filter((t) => !guarded.rows.some((g) => g.t === t))).toEqual([]);
    expect(rows.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        'survivors',
        'cases',
        'audit_events',
        'evidence',
        'evidence_custody',
        'referrals',
        'match_proposals',
      ]),
    );
  });

  it('every policy looks the actor up once per statement: (SELECT refuge_org_id()), never refuge_org_id() per row', async () => {
    const { rows } = await database.pool.query<{
      p: string;
    }>(`SELECT tablename || '.' || policyname AS p FROM pg_policies WHERE schemaname = 'public'
      AND (coalesce(qual, '') ~ '(?<!SELECT )refuge_(org_id|user_id|org_kind|org_served|reads_sensitive_evidence)\\(\\)'
        OR coalesce(with_check, '') ~ '(?<!SELECT )refuge_(org_id|user_id|org_kind|org_served|reads_sensitive_evidence)\\(\\)')`);
    expect(rows.map((r) => r.p)).toEqual([]);
  });

  it('a valid session of the victim organisation sees its rows (so the zeros below are not vacuous)', async () => {
    const seen = await asInjection({ token: tokens.victim }, async (c) => ({
      survivors: await count(c, 'survivors'),
      cases: await count(c, 'cases'),
      custody: await count(c, 'evidence_custody'),
    }));
    expect(seen.survivors).toBeGreaterThan(0);
    expect(seen.cases).toBeGreaterThan(0);
    expect(seen.custody).toBeGreaterThan(0);
    // Every RLS table holds rows, as the owner sees them, so each refusal below refuses something.
    const empty: string[] = [];
    for (const t of rlsTables)
      if (Number((await database.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n) === 0) empty.push(t);
    expect(empty).toEqual([]);
  });

  const forgeries: [string, () => { token?: string; settings?: Record<string, string> }][] = [
    [
      'no token, refuge.org_id and refuge.user_id claimed',
      () => ({ settings: { 'refuge.org_id': victim, 'refuge.user_id': app.newId() } }),
    ],
    [
      'a made-up token',
      () => ({ token: randomBytes(32).toString('base64url'), settings: { 'refuge.org_id': victim } }),
    ],
    ['the hash of a real token instead of the token', () => ({ token: hashToken(tokens.victim!) })],
    ["an expired session's token", () => ({ token: tokens.expired, settings: { 'refuge.org_id': victim } })],
    ['a session still waiting for its second factor', () => ({ token: tokens.pendingSecondFactor })],
    ['the live session of a user who has left the organisation', () => ({ token: tokens.departed })],
  ];

  it.each(forgeries)(
    'with %s, refuge_app reads nothing from any table with row-level security and writes nothing',
    async (_name, forge) => {
      const seen = await asInjection(forge(), async (c) => {
        const out: Record<string, number> = {};
        for (const t of rlsTables) out[t] = await count(c, t);
        out.actor = Number(
          (
            await c.query(
              'SELECT count(*)::int AS n FROM (SELECT refuge_org_id() AS o, refuge_user_id() AS u) x WHERE o IS NOT NULL OR u IS NOT NULL',
            )
          ).rows[0].n,
        );
        for (const t of ['survivors', 'cases', 'needs', 'referrals', 'alerts', 'jobs', 'evidence', 'match_proposals']) {
          out[`update ${t}`] = (await c.query(`UPDATE ${t} SET id = id`)).rowCount ?? -1;
        }
        return out;
      });
      expect(Object.entries(seen).filter(([, n]) => n !== 0)).toEqual([]);
      for (const insert of [
        `INSERT INTO survivors(id, organisation_id, identity_enc, sex, document_status) VALUES (gen_random_uuid(), '${victim}', 'x', 'female', 'held')`,
        `INSERT INTO alerts(id, kind, organisation_id, severity, title, dedupe_key, subject_type) VALUES (gen_random_uuid(), 'x', NULL, 'info', 'forged', 'forged-${randomBytes(4).toString('hex')}', 'system')`,
      ]) {
        await expect(asInjection(forge(), (c) => c.query(insert))).rejects.toThrow(/row-level security/);
      }
    },
  );

  it('with a session signed in to another organisation and the victim claimed in settings, refuge_app sees nothing of the victim', async () => {
    const seen = await asInjection(
      { token: tokens.otherOrganisation, settings: { 'refuge.org_id': victim, 'refuge.user_id': app.newId() } },
      async (c) => {
        const out: Record<string, number> = {
          actorIsVictim: Number(
            (await c.query('SELECT count(*)::int AS n FROM (SELECT refuge_org_id() AS o) x WHERE o = $1', [victim]))
              .rows[0].n,
          ),
        };
        for (const t of rlsTables) {
          const cols = orgColumns.get(t) ?? [];
          // Edits of shared compounds are shown to every organisation by design (history of shared objects).
          // A published statistics release is public by design (the public page serves it to anyone).
          // Capacity and consular coverage are about organisations, read by every signed-in one by design (0013).
          const sharedByDesign =
            t === 'monitoring_edits'
              ? " AND subject_type <> 'compound'"
              : ['public_releases', 'capacity', 'consular_coverage'].includes(t)
                ? ' AND false'
                : '';
          if (cols.length)
            out[t] = await count(c, t, `(${cols.map((col) => `${col} = $1`).join(' OR ')})${sharedByDesign}`, [victim]);
        }
        out.survivors = await count(c, 'survivors');
        out.cases = await count(c, 'cases');
        out['update survivors'] = (await c.query('UPDATE survivors SET id = id')).rowCount ?? -1;
        return out;
      },
    );
    expect(Object.keys(seen).length).toBeGreaterThan(10);
    expect(Object.entries(seen).filter(([, n]) => n !== 0)).toEqual([]);
    await expect(
      asInjection({ token: tokens.otherOrganisation }, (c) =>
        c.query(
          `INSERT INTO survivors(id, organisation_id, identity_enc, sex, document_status) VALUES (gen_random_uuid(), $1, 'x', 'female', 'held')`,
          [victim],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('a caseworker session reads no network data with raw SQL: no sanctions-hit alerts, entities or transfers', async () => {
    // Network data is for analysts and administrators (monitors, coordination cells), not every caseworker (#16).
    const networkTables = ['entities', 'entity_imports', 'entity_import_seen', 'compound_entities', 'wallet_transfers'];
    const read = (token: string) =>
      asInjection({ token }, async (c) => {
        const out: Record<string, number> = { sanctionsHits: await count(c, 'alerts', "kind = 'sanctions_hit'") };
        for (const t of networkTables) out[t] = await count(c, t);
        out['update sanctions_hit'] =
          (await c.query("UPDATE alerts SET status = status WHERE kind = 'sanctions_hit'")).rowCount ?? -1;
        return out;
      });
    const analyst = await read((await signedInActor(app, victim, ['analyst'])).sessionToken);
    // The analyst sees every kind of it, so the caseworker's zeros are not vacuous.
    expect(Object.entries(analyst).filter(([, n]) => n === 0)).toEqual([]);
    const caseworkerToken = (await signedInActor(app, victim, ['caseworker'])).sessionToken;
    const caseworker = await read(caseworkerToken);
    expect(caseworker).toEqual(Object.fromEntries(Object.keys(analyst).map((k) => [k, 0])));
    // The caseworker still sees the shared compound alerts: only the network kinds are hidden.
    expect(
      await asInjection({ token: caseworkerToken }, (c) => count(c, 'alerts', "kind <> 'sanctions_hit'")),
    ).toBeGreaterThan(0);
    // The policy names every kind networks raises (core/alerts/kinds.ts).
    const policy = await database.pool.query<{ q: string }>(
      `SELECT qual AS q FROM pg_policies WHERE tablename = 'alerts' AND policyname = 'alerts_network_kinds'`,
    );
    for (const k of NETWORK_ALERT_KINDS) expect(policy.rows[0]?.q).toContain(`'${k}'`);
    // Nor can it forge one.
    await expect(
      asInjection({ token: caseworkerToken }, (c) =>
        c.query(
          `INSERT INTO alerts(id, kind, organisation_id, severity, title, dedupe_key, subject_type) VALUES (gen_random_uuid(), 'sanctions_hit', NULL, 'high', 'forged', 'forged-hit', 'compound')`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
