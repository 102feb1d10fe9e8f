/**
 * The audit and custody log against its strongest adversary short of the signing key: the database
 * owner with raw SQL (triggers switched off, rows deleted, edited, inserted, re-hashed, tree heads
 * forged). Each tampering runs on a restored copy of the same log and must be named by
 * `verifyAuditLog` with a checkpoint kept apart; after each restore the log verifies again.
 */
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signTreeHead, type Checkpoint } from '../core/audit/checkpoint.ts';
import { auditLeafHash } from '../core/audit/entry.ts';
import { verifyEvidenceProof, type EvidenceProof } from '../core/audit/evidence-proof.ts';
import { appendToFrontier, EMPTY_FRONTIER, frontierRoot } from '../core/audit/merkle.ts';
import { buildCustodyEntry } from '../core/evidence/custody-log.ts';
import { publicKeyPem } from '../db/audit-key.ts';
import { readSealedPage } from '../db/repositories/audit.repository.ts';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { asActor, asSystem } from '../db/transaction.ts';
import { audit, latestCheckpoint, sealAudit } from '../services/audit.service.ts';
import { verifyAuditLog } from '../services/audit-verification.service.ts';
import { issueServiceSession } from '../services/sessions.service.ts';
import { register } from '../testing/casework-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';

const TABLES = ['audit_events', 'audit_tree_heads', 'evidence_custody'] as const;
const tried: string[] = [];
const detected: string[] = [];

describe.each(DATABASE_KINDS)('audit transparency log on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let outsider: TestClient;
  let analyst: TestClient;
  let caseId: string;
  let evidenceId: string;
  let checkpoint: Checkpoint;
  let users: { cw: string; outsider: string; analyst: string };
  let orgA: string;

  /** Raw SQL as the database owner, one statement at a time. */
  const owner = async (...statements: string[]) => {
    for (const s of statements) await t.database.pool.query(s);
  };
  const disableTriggers = () => owner(...TABLES.map((x) => `ALTER TABLE ${x} DISABLE TRIGGER USER`));
  const enableTriggers = () => owner(...TABLES.map((x) => `ALTER TABLE ${x} ENABLE TRIGGER USER`));

  /**
   * What an attacker who knows the algorithm does after editing rows: renumber, re-hash every leaf, replace the heads
   * (with their own key).
   */
  async function rehashEverything(): Promise<void> {
    await owner(
      'UPDATE audit_events a SET leaf_index = r.n - 1 FROM (SELECT seq, row_number() OVER (ORDER BY leaf_index) AS n FROM audit_events WHERE leaf_index IS NOT NULL) r WHERE a.seq = r.seq',
    );
    const rows = await asSystem(t.database, (trx) => readSealedPage(trx, -1, 100_000));
    for (const r of rows)
      await t.database.pool.query('UPDATE audit_events SET leaf_hash = $1 WHERE seq = $2', [
        auditLeafHash(r.entry),
        r.entry.seq,
      ]);
    const frontier = appendToFrontier(
      EMPTY_FRONTIER,
      rows.map((r) => auditLeafHash(r.entry)),
    );
    const forged = signTreeHead(
      { treeSize: frontier.size, rootHash: frontierRoot(frontier), timestamp: new Date().toISOString() },
      generateKeyPairSync('ed25519').privateKey,
    );
    await owner('DELETE FROM audit_tree_heads');
    await t.database.pool.query('INSERT INTO audit_tree_heads VALUES ($1, $2, $3::jsonb, $4, $5, $6)', [
      forged.treeSize,
      forged.rootHash,
      JSON.stringify(frontier.hashes),
      forged.timestamp,
      forged.keyId,
      forged.signature,
    ]);
  }

  const userId = async (email: string) =>
    (await t.database.pool.query('SELECT id FROM users WHERE email = $1', [email])).rows[0].id as string;

  beforeAll(async () => {
    t = await createTestServer(kind);
    orgA = await t.org('ngo-a');
    cw = await t.userIn('ngo-a', 'caseworker', 'cw@a.test');
    outsider = await t.userIn('ngo-b', 'caseworker', 'cw@b.test');
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst', 'analyst@watch.test');
    users = {
      cw: await userId('cw@a.test'),
      outsider: await userId('cw@b.test'),
      analyst: await userId('analyst@watch.test'),
    };
    caseId = (await register(cw)).caseId;
    expect((await cw.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    const evidence = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Report',
      source: { publisher: 'Paper', url: 'https://paper.example/a' },
    });
    expect(evidence.status).toBe(201);
    evidenceId = evidence.json.id;
    expect((await analyst.request('GET', `/api/monitoring/evidence/${evidenceId}`)).status).toBe(200);
    await sealAudit(t.app);
    // The operator's kept checkpoint: taken now, then the log grows past it.
    checkpoint = (await latestCheckpoint(t.app))!;
    expect(checkpoint.treeSize).toBeGreaterThan(8);
    expect((await cw.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await analyst.request('GET', `/api/monitoring/evidence/${evidenceId}`)).status).toBe(200);
    await sealAudit(t.app);
    const intact = await verifyAuditLog(t.app, { checkpoint });
    expect(intact.firstProblem).toBeNull();
    expect(intact.treeSize).toBeGreaterThan(checkpoint.treeSize);
    for (const x of TABLES) await owner(`CREATE TABLE bk_${x} AS SELECT * FROM ${x}`);
  });

  afterEach(async () => {
    await disableTriggers();
    for (const x of TABLES) await owner(`DELETE FROM ${x}`, `INSERT INTO ${x} SELECT * FROM bk_${x}`);
    await enableTriggers();
  });

  afterAll(async () => {
    await t?.close();
    if (kind === DATABASE_KINDS[DATABASE_KINDS.length - 1])
      console.log(`audit tamperings tried: ${tried.length}, detected: ${detected.length}`);
  });

  it('the intact log verifies with and without the kept checkpoint (the restore between attacks is faithful)', async () => {
    expect((await verifyAuditLog(t.app, { checkpoint })).ok).toBe(true);
    expect((await verifyAuditLog(t.app)).ok).toBe(true);
  });

  const leafWithOrg = 'leaf_index = (SELECT min(leaf_index) FROM audit_events WHERE organisation_id IS NOT NULL)';
  const attacks: { name: string; attack: () => Promise<void>; expect: RegExp }[] = [
    {
      name: 'edit the actor of an entry',
      attack: () =>
        owner(
          `UPDATE audit_events SET actor_user_id = '${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}' WHERE ${leafWithOrg}`,
        ),
      expect: /edited/,
    },
    {
      name: 'edit the organisation of an entry',
      attack: () => owner(`UPDATE audit_events SET organisation_id = NULL WHERE ${leafWithOrg}`),
      expect: /edited/,
    },
    {
      name: 'edit the time of an entry by one microsecond',
      attack: () => owner("UPDATE audit_events SET at = at + interval '1 microsecond' WHERE leaf_index = 2"),
      expect: /edited/,
    },
    {
      name: 'edit the details of an entry',
      attack: () => owner(`UPDATE audit_events SET details = details || '{"note":"forged"}' WHERE leaf_index = 3`),
      expect: /edited/,
    },
    {
      name: 'edit the action of an entry',
      attack: () => owner("UPDATE audit_events SET action = 'nothing.happened' WHERE leaf_index = 1"),
      expect: /edited/,
    },
    {
      name: 'delete a row (leaf index gap)',
      attack: () => owner('DELETE FROM audit_events WHERE leaf_index = 5'),
      expect: /gap: entry 5 is missing/,
    },
    {
      name: 'delete a row, renumber and re-hash the rest, forge the heads',
      attack: async () => {
        await owner('DELETE FROM audit_events WHERE leaf_index = 4');
        await rehashEverything();
      },
      expect: /rewritten/,
    },
    {
      name: 'delete a row and insert a forged one in its place, re-hashed',
      attack: async () => {
        await owner('DELETE FROM audit_events WHERE leaf_index = 4');
        await owner(
          "INSERT INTO audit_events(seq, at, actor_user_id, organisation_id, action, resource_type, resource_id, details, leaf_index, leaf_hash) SELECT seq + 100000, at, NULL, NULL, 'system.noop', 'system', NULL, '{}', 4, 'x' FROM audit_events WHERE leaf_index = 3",
        );
        await rehashEverything();
      },
      expect: /rewritten/,
    },
    {
      name: 'delete the newest rows (those after the checkpoint)',
      attack: () => owner(`DELETE FROM audit_events WHERE leaf_index >= ${checkpoint.treeSize}`),
      expect: /only \d+ sealed entries remain: entries were deleted/,
    },
    {
      name: 'delete the newest rows back into the checkpoint, forge a head to match',
      attack: async () => {
        await owner(`DELETE FROM audit_events WHERE leaf_index >= ${checkpoint.treeSize - 2}`);
        await rehashEverything();
      },
      expect:
        /checkpoint vouches for \d+ entries but the log holds \d+: the newest entries were deleted or the table was truncated/,
    },
    {
      name: 'TRUNCATE the log and its heads',
      attack: () => owner('TRUNCATE audit_events', 'TRUNCATE audit_tree_heads'),
      expect: /deleted or the table was truncated/,
    },
    {
      name: 'insert a forged sealed row after the newest',
      attack: async () => {
        const { rows } = await t.database.pool.query(
          'SELECT max(leaf_index)::int AS n, max(seq)::int AS s FROM audit_events',
        );
        const entry = {
          leafIndex: rows[0].n + 1,
          seq: rows[0].s + 1,
          at: '2026-02-15T08:00:00.000000Z',
          actorUserId: users.cw,
          organisationId: orgA,
          action: 'survivor.read',
          resourceType: 'survivor',
          resourceId: null,
          requestId: null,
          details: {},
        };
        await t.database.pool.query(
          "INSERT INTO audit_events(seq, at, actor_user_id, organisation_id, action, resource_type, details, leaf_index, leaf_hash) VALUES ($1, $2, $3, $4, 'survivor.read', 'survivor', '{}', $5, $6)",
          [entry.seq, entry.at, entry.actorUserId, entry.organisationId, entry.leafIndex, auditLeafHash(entry)],
        );
      },
      expect: /beyond the latest signed tree head/,
    },
    {
      name: 'edit an entry after the checkpoint, re-hash it and forge the tree head',
      attack: async () => {
        await owner(
          `UPDATE audit_events SET details = '{"forged":true}' WHERE leaf_index = (SELECT max(leaf_index) FROM audit_events)`,
        );
        await rehashEverything();
      },
      expect: /not signed by the audit key/,
    },
    {
      name: 'insert an unsealed back-dated row behind the sealer',
      attack: () =>
        owner(
          "INSERT INTO audit_events(at, actor_user_id, action, resource_type, details) VALUES (clock_timestamp() - interval '10 minutes', NULL, 'auth.login', 'user', '{}')",
        ),
      expect: /waited longer than \d+ s to be sealed/,
    },
    {
      name: 'delete the newest custody entry',
      attack: () =>
        owner(
          `DELETE FROM evidence_custody WHERE evidence_id = '${evidenceId}' AND seq = (SELECT max(seq) FROM evidence_custody WHERE evidence_id = '${evidenceId}')`,
        ),
      expect: /custody entry \d+ of evidence .* no longer exists \(deleted\)/,
    },
    {
      name: 'edit a custody entry without re-hashing',
      attack: () =>
        owner(`UPDATE evidence_custody SET actor_id = 'someone-else' WHERE evidence_id = '${evidenceId}' AND seq = 1`),
      expect: /breaks its hash chain/,
    },
    {
      name: 'edit the newest custody entry and re-hash its chain',
      attack: async () => {
        const { rows } = await t.database.pool.query(
          'SELECT * FROM evidence_custody WHERE evidence_id = $1 ORDER BY seq',
          [evidenceId],
        );
        const last = rows[rows.length - 1];
        const previous = rows[rows.length - 2];
        const built = buildCustodyEntry(
          { evidenceId, actorId: 'someone-else', action: last.action, at: last.at, details: last.details },
          {
            evidenceId,
            actorId: previous.actor_id,
            action: previous.action,
            at: previous.at,
            details: previous.details,
            previousHash: previous.previous_hash,
            hash: previous.hash,
          },
        );
        if (!built.ok) throw new Error(built.reason);
        await t.database.pool.query(
          'UPDATE evidence_custody SET actor_id = $1, hash = $2 WHERE evidence_id = $3 AND seq = $4',
          ['someone-else', built.entry.hash, evidenceId, last.seq],
        );
      },
      expect: /differs from the hash the audit log anchored/,
    },
    {
      name: 'append a forged custody entry with a valid chain',
      attack: async () => {
        const { rows } = await t.database.pool.query(
          'SELECT * FROM evidence_custody WHERE evidence_id = $1 ORDER BY seq',
          [evidenceId],
        );
        const last = rows[rows.length - 1];
        const built = buildCustodyEntry(
          { evidenceId, actorId: users.analyst, action: 'verification', at: '2030-01-01T00:00:00.000Z', details: {} },
          {
            evidenceId,
            actorId: last.actor_id,
            action: last.action,
            at: last.at,
            details: last.details,
            previousHash: last.previous_hash,
            hash: last.hash,
          },
        );
        if (!built.ok) throw new Error(built.reason);
        await t.database.pool.query(
          "INSERT INTO evidence_custody VALUES ($1, $2, $3, 'verification', $4, '{}', $5, $6)",
          [evidenceId, last.seq + 1, users.analyst, built.entry.at, last.hash, built.entry.hash],
        );
      },
      expect: /not anchored in the audit log/,
    },
  ];

  it.each(attacks)('detects: $name', async ({ name, attack, expect: reason }) => {
    tried.push(`${kind}: ${name}`);
    await disableTriggers();
    await attack();
    await enableTriggers();
    const result = await verifyAuditLog(t.app, { checkpoint });
    expect(result.ok).toBe(false);
    expect(result.firstProblem?.reason).toMatch(reason);
    detected.push(`${kind}: ${name}`);
  });

  it("the app role cannot call the old raw append, the owner's append, or write the tables; it cannot forge actor, organisation or a system event", async () => {
    const actor = await issueServiceSession(t.app, { userId: users.cw, organisationId: orgA, minutes: 60 });
    if (!actor) throw new Error('no membership');
    await expect(
      asActor(t.database, actor, (trx) =>
        sql`SELECT refuge_audit_append('{}', NULL, NULL, 'forged', 'x', NULL)`.execute(trx),
      ),
    ).rejects.toThrow(/does not exist/);
    await expect(
      asActor(t.database, actor, (trx) =>
        sql`SELECT refuge_audit_append_system(NULL, NULL, 'forged', 'x', NULL, NULL, '{}')`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asActor(t.database, actor, (trx) =>
        sql`INSERT INTO audit_events(action, resource_type) VALUES ('forged', 'x')`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asActor(t.database, actor, (trx) => sql`UPDATE audit_events SET action = 'forged'`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(asActor(t.database, actor, (trx) => sql`DELETE FROM audit_tree_heads`.execute(trx))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      asActor(t.database, actor, (trx) =>
        sql`INSERT INTO audit_tree_heads VALUES (999, 'x', '[]', now(), 'k', 's')`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    // Through the allowed function, with another user's id, another organisation and a back-dated... nothing sticks.
    const seq = await asActor(t.database, actor, (trx) =>
      sql<{
        seq: string;
      }>`SELECT refuge_audit(${users.outsider}::uuid, NULL, 'forged.attempt', 'x', NULL, NULL, '{}') AS seq`.execute(
        trx,
      ),
    );
    const row = (
      await t.database.pool.query('SELECT actor_user_id, organisation_id FROM audit_events WHERE seq = $1', [
        seq.rows[0]!.seq,
      ])
    ).rows[0];
    expect(row).toEqual({ actor_user_id: users.cw, organisation_id: orgA });
    // Without a user in the transaction there is no system event to be had.
    await expect(
      asActor(t.database, actor, async (trx) => {
        await sql`SELECT set_config('refuge.session_token', '', true)`.execute(trx);
        return sql`SELECT refuge_audit(NULL, NULL, 'system.forged', 'x', NULL, NULL, '{}')`.execute(trx);
      }),
    ).rejects.toThrow(/no signed-in user/);
  });

  it('concurrent appends from many transactions, with sealers running alongside, produce a gap-free sealed tree', async () => {
    const before = (await latestCheckpoint(t.app))!;
    const actor = await issueServiceSession(t.app, { userId: users.cw, organisationId: orgA, minutes: 60 });
    if (!actor) throw new Error('no membership');
    const writers = Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? asActor(t.database, actor, async (trx) => {
            for (let k = 0; k < 3; k++) await audit(trx, t.app, null, 'test.concurrent', 'thing', `a${i}.${k}`);
          })
        : asSystem(t.database, async (trx) => {
            for (let k = 0; k < 3; k++) await audit(trx, t.app, null, 'test.concurrent', 'thing', `s${i}.${k}`);
          }),
    );
    // One writer rolls back: its sequence numbers are burnt but no leaf index is.
    const rolledBack = asSystem(t.database, async (trx) => {
      await audit(trx, t.app, null, 'test.concurrent', 'thing', 'rolled-back');
      throw new Error('roll back');
    }).catch(() => 'rolled back');
    await Promise.all([...writers, rolledBack, sealAudit(t.app), sealAudit(t.app)]);
    await sealAudit(t.app);
    const { rows } = await t.database.pool
      .query(`SELECT count(*)::int AS n, count(DISTINCT leaf_index)::int AS d, min(leaf_index)::int AS lo, max(leaf_index)::int AS hi,
      count(*) FILTER (WHERE leaf_index IS NULL)::int AS unsealed, count(*) FILTER (WHERE action = 'test.concurrent')::int AS concurrent FROM audit_events`);
    expect(rows[0]).toMatchObject({ lo: 0, hi: rows[0].n - 1, d: rows[0].n, unsealed: 0, concurrent: 120 });
    const verified = await verifyAuditLog(t.app, { checkpoint: before });
    expect(verified.firstProblem).toBeNull();
    expect(verified.treeSize).toBe(rows[0].n);
    await owner(
      'DELETE FROM bk_audit_events',
      'INSERT INTO bk_audit_events SELECT * FROM audit_events',
      'DELETE FROM bk_audit_tree_heads',
      'INSERT INTO bk_audit_tree_heads SELECT * FROM audit_tree_heads',
    );
  });

  it("refused access to another organisation's case leaves an audit row, and the caller learns nothing more", async () => {
    const unknown = '7d2b1e0a-95c1-4d57-9a2e-3f6b0c1d2e4f';
    const refused = await outsider.request('GET', `/api/cases/${caseId}`);
    const missing = await outsider.request('GET', `/api/cases/${unknown}`);
    expect(refused.status).toBe(404);
    expect({ ...refused.json, requestId: null }).toEqual({ ...missing.json, requestId: null });
    const { rows } = await t.database.pool.query(
      "SELECT actor_user_id, resource_type, details FROM audit_events WHERE action = 'access.refused' AND resource_id = $1",
      [caseId],
    );
    expect(rows).toEqual([
      {
        actor_user_id: users.outsider,
        resource_type: 'cases',
        details: { status: 404, method: 'GET', route: '/api/cases/:id' },
      },
    ]);
    await owner('DELETE FROM bk_audit_events', 'INSERT INTO bk_audit_events SELECT * FROM audit_events');
  });

  it('exports an evidence item with inclusion proofs that a third party verifies with the public key alone, and rejects altered copies', async () => {
    const res = await analyst.request('GET', `/api/monitoring/evidence/${evidenceId}/proof`);
    expect(res.status).toBe(200);
    const bundle = JSON.parse(res.body) as EvidenceProof;
    const pem = publicKeyPem(t.app.auditKeys!);
    const verified = verifyEvidenceProof(bundle, pem);
    expect(verified).toMatchObject({ ok: true });
    // The export itself is in the proof.
    expect(bundle.custody.map((c) => c.action)).toEqual(['ingested', 'accessed', 'accessed', 'exported']);
    const copy = () => JSON.parse(res.body) as EvidenceProof;
    const altered: [string, EvidenceProof][] = [
      [
        'custody entry edited',
        (() => {
          const b = copy();
          b.custody[1]!.actorId = 'someone-else';
          return b;
        })(),
      ],
      [
        'custody entry dropped',
        (() => {
          const b = copy();
          b.custody.splice(1, 1);
          return b;
        })(),
      ],
      [
        'anchor edited',
        (() => {
          const b = copy();
          b.anchors[0]!.entry.at = '2020-01-01T00:00:00.000000Z';
          return b;
        })(),
      ],
      [
        'proof edited',
        (() => {
          const b = copy();
          b.anchors[0]!.proof[0] = 'f'.repeat(64);
          return b;
        })(),
      ],
      [
        'checkpoint root swapped',
        (() => {
          const b = copy();
          b.checkpoint.rootHash = 'a'.repeat(64);
          return b;
        })(),
      ],
    ];
    for (const [what, b] of altered) expect(verifyEvidenceProof(b, pem).ok, what).toBe(false);
    expect(
      verifyEvidenceProof(
        bundle,
        generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string,
      ).ok,
    ).toBe(false);
  });
});
