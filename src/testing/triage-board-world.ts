import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AGE_BANDS, LOCATION_KINDS, NEED_KINDS, NEED_STATUSES } from '../core/vocabulary.ts';
import { createRng, pickSome, type Rng } from '../core/random.ts';
import type { DatabaseKind } from '../db/database.ts';
import { insertNeeds, type NeedInsert, type TriageFilter } from '../db/repositories/casework/needs.repository.ts';
import { asSystem } from '../db/transaction.ts';
import type { RequestActor } from '../services/context.ts';
import { createTestApp, createTestDatabase, signedInActor, type TestDatabase } from './test-harness.ts';

export const BOARD_NATIONALITIES = ['ID', 'VN', 'PH', 'KE', 'MM'];

/** A board position: tier, effective priority, creation time, id (the board's sort keys). */
export type BoardKey = [number, number, string, string];

/**
 * What the triage board's db tests share: two organisations (`own`, whose caseworker `actor` is signed in, and
 * `other`), each with one survivor and case, and a few hundred needs between them with few distinct sort keys, so ties
 * fall through to the later keys; the brute-force answer any board must equal; and the seeded generator that made the
 * needs, for the tests to go on drawing from (a failing combination can be replayed).
 */
export interface TriageBoardWorld {
  database: TestDatabase;
  actor: RequestActor;
  own: string;
  other: string;
  needs: NeedInsert[];
  rng: Rng;
  key(n: Pick<NeedInsert, 'urgencyTier' | 'effectivePriority' | 'createdAt' | 'id'>): BoardKey;
  /** The ids of `own`'s open needs that pass `f`, in board order, after `after`. */
  bruteForce(f: Partial<TriageFilter>, after?: BoardKey): string[];
  /** `own`'s board with `f`, as the repository takes it. */
  filterOf(f: Partial<TriageFilter>, limit: number, after?: BoardKey, walkBudget?: number): TriageFilter;
}

export async function triageBoardWorld(kind: DatabaseKind): Promise<TriageBoardWorld> {
  const database = await createTestDatabase(kind);
  const [own, other] = [randomUUID(), randomUUID()];
  const rng = createRng(13);
  const needs: NeedInsert[] = [];
  await asSystem(database, async (trx) => {
    await sql`INSERT INTO organisations (id, slug, name, kind)
      VALUES (${own}, ${`board-${own}`}, 'Board', 'ngo'), (${other}, ${`board-${other}`}, 'Board', 'ngo')`.execute(trx);
    const caseOf = new Map<string, string>();
    for (const org of [own, other]) {
      const survivorId = randomUUID();
      const caseId = randomUUID();
      await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages, document_status)
        VALUES (${survivorId}, ${org}, 'sealed elsewhere', 'female', '{}', '{}', 'held')`.execute(trx);
      await sql`INSERT INTO cases (id, survivor_id, organisation_id) VALUES (${caseId}, ${survivorId}, ${org})`.execute(
        trx,
      );
      caseOf.set(org, caseId);
    }
    const times = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 1, 1, 8, i)).toISOString());
    for (let i = 0; i < 420; i++) {
      const org = i % 6 === 5 ? other : own;
      const k = rng.pick(NEED_KINDS);
      const at = rng.pick(times);
      needs.push({
        id: randomUUID(),
        caseId: caseOf.get(org)!,
        organisationId: org,
        kind: k,
        priority: 'normal',
        status: rng.pick(NEED_STATUSES),
        noteEnc: i % 2 ? `sealed note ${i}` : null,
        createdBy: null,
        createdAt: at,
        updatedAt: at,
        urgencyTier: k === 'medical_urgent' ? 0 : 1,
        effectivePriority: Math.floor(rng.next() * 4),
        ageBand: rng.next() < 0.1 ? null : rng.pick(AGE_BANDS),
        nationalities: rng.next() < 0.1 ? [] : pickSome(rng, BOARD_NATIONALITIES, 2),
        locationKind: rng.pick(LOCATION_KINDS),
        caseRisk: 'medium',
      });
    }
    await insertNeeds(trx, needs);
  });
  const actor = await signedInActor(await createTestApp(database), own);
  const key = (n: Pick<NeedInsert, 'urgencyTier' | 'effectivePriority' | 'createdAt' | 'id'>): BoardKey => [
    n.urgencyTier,
    n.effectivePriority,
    new Date(n.createdAt).toISOString(),
    n.id,
  ];
  const compare = (a: BoardKey, b: BoardKey) => {
    for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return {
    database,
    actor,
    own,
    other,
    needs,
    rng,
    key,
    bruteForce: (f, after) =>
      needs
        .filter(
          (n) =>
            n.organisationId === own &&
            (n.status === 'open' || n.status === 'in_progress') &&
            (!f.kinds || f.kinds.includes(n.kind)) &&
            (!f.nationalities || n.nationalities.some((x) => f.nationalities!.includes(x))) &&
            (!f.locationKinds || f.locationKinds.includes(n.locationKind)) &&
            (!f.ageBands || (n.ageBand !== null && f.ageBands.includes(n.ageBand))) &&
            (!after || compare(key(n), after) > 0),
        )
        .sort((a, b) => compare(key(a), key(b)))
        .map((n) => n.id),
    filterOf: (f, limit, after, walkBudget) => ({
      organisationId: own,
      limit,
      walkBudget,
      ...f,
      ...(after ? { after: { tier: after[0], effectivePriority: after[1], createdAt: after[2], id: after[3] } } : {}),
    }),
  };
}
