import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_LEVELS, type CaseStatus, type DocumentStatus, type RiskLevel } from '../core/vocabulary.ts';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import type { RequestActor } from '../services/context.ts';
import { insertOrganisation } from './repositories/accounts.repository.ts';
import {
  listConsularQueue,
  countConsularQueue,
  type ConsularQueueFilter,
  type ConsularSort,
} from './repositories/casework/consular.repository.ts';
import { asActor, asSystem } from './transaction.ts';
import { createRng } from '../core/random.ts';

const NATIONALITIES = ['ID', 'VN', 'PH', 'KE'];
const STATUSES: CaseStatus[] = ['open', 'assessed', 'awaiting_documents', 'awaiting_travel', 'repatriated'];
const DOCUMENTS: DocumentStatus[] = ['held', 'confiscated', 'lost'];

interface Person {
  caseId: string;
  nationalities: string[];
  consent: boolean;
  consentNationalities: string[] | null;
  status: CaseStatus;
  risk: RiskLevel;
  document: DocumentStatus;
  openedAt: string;
  /** Flight dates booked per embassy (its consular record). */
  flights: Map<string, string>;
}

/**
 * The consular queue (which reads the embassy's cases through refuge_embassy_queue_cases, 0029) against a brute-force
 * filter and sort, for several embassies, filters, sorts and cursors; and the function against an attacker: it answers
 * only for the caller's own organisation as an embassy, never with another embassy's nationals, anyone who did not
 * consent, or whose consent was withdrawn or narrowed to another nationality.
 */
describe.each(DATABASE_KINDS)('the consular queue on %s', (kind) => {
  let database: TestDatabase;
  const ngo = randomUUID();
  const embassies = { ID: randomUUID(), VN: randomUUID(), IDPH: randomUUID() };
  const served: Record<string, string[]> = {
    [embassies.ID]: ['ID'],
    [embassies.VN]: ['VN'],
    [embassies.IDPH]: ['ID', 'PH'],
  };
  const consuls = new Map<string, RequestActor>();
  let caseworker: RequestActor;
  const people: Person[] = [];
  // Seeded, so a failing combination can be replayed.
  const rng = createRng(29);
  const rnd = rng.next;
  const pick = rng.pick;
  const some = <T>(xs: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs))),
  ];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const times = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 1, 1, 8, i)).toISOString());
    const dates = ['2026-03-01', '2026-03-02', '2026-03-05'];
    await asSystem(database, async (trx) => {
      await insertOrganisation(trx, orgRow(ngo, 'ngo', []));
      for (const id of Object.values(embassies)) await insertOrganisation(trx, orgRow(id, 'embassy', served[id]!));
      for (let i = 0; i < 240; i++) {
        const p: Person = {
          caseId: randomUUID(),
          nationalities: rnd() < 0.05 ? [] : some(NATIONALITIES, 2),
          consent: rnd() < 0.6,
          consentNationalities: rnd() < 0.2 ? some(NATIONALITIES, 1) : null,
          status: pick(STATUSES),
          risk: pick(RISK_LEVELS),
          document: pick(DOCUMENTS),
          // Few distinct times, so ties fall through to the id.
          openedAt: pick(times),
          flights: new Map(),
        };
        const survivorId = randomUUID();
        await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages,
            document_status, consent_own_embassy, consent_embassy_nationalities)
          VALUES (${survivorId}, ${ngo}, 'sealed elsewhere', 'female', ${p.nationalities}::text[], '{}', ${p.document},
                  ${p.consent}, ${p.consentNationalities}::text[])`.execute(trx);
        await sql`INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, opened_at)
          VALUES (${p.caseId}, ${survivorId}, ${ngo}, ${p.status}, ${p.risk}, ${p.openedAt})`.execute(trx);
        for (const embassy of Object.values(embassies))
          if (rnd() < 0.3) {
            p.flights.set(embassy, pick(dates));
            await sql`INSERT INTO consular_records (id, case_id, embassy_organisation_id, case_organisation_id,
                flight_date, flight_number, updated_at)
              VALUES (${randomUUID()}, ${p.caseId}, ${embassy}, ${ngo}, ${p.flights.get(embassy)}, 'QZ273', now())`.execute(
              trx,
            );
          }
        people.push(p);
      }
    });
    const app = await createTestApp(database);
    for (const id of Object.values(embassies)) consuls.set(id, await signedInActor(app, id, ['consular_officer']));
    caseworker = await signedInActor(app, ngo);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const orgRow = (id: string, kind: 'ngo' | 'embassy', nationalitiesServed: string[]) => ({
    id,
    slug: `queue-${id}`,
    name: 'Queue',
    kind,
    nationalitiesServed,
    city: null,
    requireTotp: false,
    isDemo: false,
  });
  const meets = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
  /** survivors_embassy_read (0013) and the queue's own scope, by hand. */
  const sees = (embassy: string, p: Person) => {
    const consented = p.consentNationalities ?? p.nationalities;
    return p.consent && meets(consented, p.nationalities) && meets(consented, served[embassy]!);
  };

  type Key = [string | number, string];
  const SORT: Record<ConsularSort, { key: (p: Person, embassy: string) => string | number; desc: boolean }> = {
    newest: { key: (p) => p.openedAt, desc: true },
    oldest: { key: (p) => p.openedAt, desc: false },
    flight: { key: (p, e) => p.flights.get(e) ?? '9999-12-31', desc: false },
    risk: { key: (p) => RISK_LEVELS.indexOf(p.risk), desc: true },
  };
  const keyOf = (p: Person, embassy: string, sort: ConsularSort): Key => [SORT[sort].key(p, embassy), p.caseId];
  const compare = (a: Key, b: Key, desc: boolean) => {
    for (let i = 0; i < 2; i++) if (a[i] !== b[i]) return (a[i]! < b[i]! ? -1 : 1) * (desc ? -1 : 1);
    return 0;
  };
  type Filter = Omit<ConsularQueueFilter, 'embassyOrganisationId' | 'nationalitiesServed'>;
  const bruteForce = (embassy: string, f: Filter, sort: ConsularSort, after?: Key): string[] =>
    people
      .filter(
        (p) =>
          sees(embassy, p) &&
          meets(p.nationalities, served[embassy]!) &&
          (!f.statuses || f.statuses.includes(p.status)) &&
          (!f.nationalities || meets(p.nationalities, f.nationalities)) &&
          (!f.documentStatuses || f.documentStatuses.includes(p.document)) &&
          (f.flight !== 'none' || !p.flights.has(embassy)) &&
          (f.flight !== 'booked' || p.flights.has(embassy)) &&
          (!after || compare(keyOf(p, embassy, sort), after, SORT[sort].desc) > 0),
      )
      .sort((a, b) => compare(keyOf(a, embassy, sort), keyOf(b, embassy, sort), SORT[sort].desc))
      .map((p) => p.caseId);

  const randomFilter = (): Filter => {
    const f: Filter = {};
    if (rnd() < 0.4) f.statuses = some(STATUSES, 2);
    if (rnd() < 0.4) f.nationalities = rnd() < 0.15 ? ['ZZ'] : some(NATIONALITIES, 2);
    if (rnd() < 0.3) f.documentStatuses = some(DOCUMENTS, 2);
    if (rnd() < 0.3) f.flight = pick(['none', 'booked'] as const);
    return f;
  };

  it('pages every embassy, filter and sort from any cursor as a brute-force filter and sort does, and counts it', async () => {
    const filters: Filter[] = [{}, { nationalities: ['ZZ'] }];
    for (let i = 0; i < 6; i++) filters.push(randomFilter());
    let checked = 0;
    for (const embassy of Object.values(embassies)) {
      const actor = consuls.get(embassy)!;
      const scope = { embassyOrganisationId: embassy, nationalitiesServed: served[embassy]! };
      for (const f of filters)
        for (const sort of ['newest', 'oldest', 'flight', 'risk'] as const) {
          const limit = 4 + Math.floor(rnd() * 20);
          const expected = bruteForce(embassy, f, sort);
          const paged: string[] = [];
          let after: { key: string | number; id: string } | undefined;
          for (let page = 0; page < 300; page++) {
            const rows = await asActor(database, actor, (trx) =>
              listConsularQueue(trx, { ...scope, ...f }, { sort, limit, after }),
            );
            paged.push(...rows.map((r) => r.kase.id));
            if (rows.length < limit) break;
            after = { key: rows.at(-1)!.sortKey, id: rows.at(-1)!.kase.id };
          }
          expect({ embassy, f, sort, ids: paged }).toEqual({ embassy, f, sort, ids: expected });
          const total = await asActor(database, actor, (trx) => countConsularQueue(trx, { ...scope, ...f }));
          expect({ f, total }).toEqual({ f, total: expected.length });
          // From a cursor at any person (in this queue or not).
          const from = pick(people);
          const cursor = keyOf(from, embassy, sort);
          const rows = await asActor(database, actor, (trx) =>
            listConsularQueue(trx, { ...scope, ...f }, { sort, limit, after: { key: cursor[0], id: cursor[1] } }),
          );
          expect({ f, sort, ids: rows.map((r) => r.kase.id) }).toEqual({
            f,
            sort,
            ids: bruteForce(embassy, f, sort, cursor).slice(0, limit),
          });
          checked += expected.length;
        }
    }
    expect(checked).toBeGreaterThan(500);
  }, 300_000);

  const viaFunction = (actor: RequestActor | null) => {
    const read = async (trx: Parameters<Parameters<typeof asSystem>[1]>[0]) =>
      (await sql<{ id: string }>`SELECT refuge_embassy_queue_cases() AS id`.execute(trx)).rows.map((r) => r.id).sort();
    return actor ? asActor(database, actor, read) : asSystem(database, read);
  };

  it('returns an embassy exactly the cases row-level security shows it, and nothing to anyone else', async () => {
    for (const embassy of Object.values(embassies)) {
      const actor = consuls.get(embassy)!;
      const ids = await viaFunction(actor);
      const expected = people.filter((p) => sees(embassy, p)).map((p) => p.caseId);
      expect(ids).toEqual([...expected].sort());
      expect(ids.length).toBeGreaterThan(5);
      // Row-level security agrees with the brute force: the function leaks nothing more than the policy does.
      const rls = await asActor(database, actor, async (trx) =>
        (await sql<{ id: string }>`SELECT id FROM cases`.execute(trx)).rows.map((r) => r.id).sort(),
      );
      expect(ids).toEqual(rls);
      // Never anyone who did not consent, never another embassy's nationals only.
      const byId = new Map(people.map((p) => [p.caseId, p]));
      for (const id of ids) {
        const p = byId.get(id)!;
        expect(p.consent).toBe(true);
        expect(meets(p.consentNationalities ?? p.nationalities, served[embassy]!)).toBe(true);
      }
    }
    // A caseworker of the organisation that registered them (not an embassy), and no session at all.
    expect(await viaFunction(caseworker)).toEqual([]);
    expect(await viaFunction(null)).toEqual([]);
    // Only the caller's organisation counts: the session decides, no argument can name another.
    await expect(
      asActor(database, caseworker, (trx) =>
        sql`SELECT refuge_embassy_queue_cases(${embassies.ID}::uuid)`.execute(trx),
      ),
    ).rejects.toThrow();
  });

  it('drops a person from the function as soon as their consent is withdrawn or narrowed to another nationality', async () => {
    const actor = consuls.get(embassies.VN)!;
    const visible = people.filter((p) => sees(embassies.VN, p) && p.nationalities.length === 1);
    const [withdrawn, narrowed] = visible;
    expect(narrowed).toBeDefined();
    const before = await viaFunction(actor);
    expect(before).toContain(withdrawn!.caseId);
    expect(before).toContain(narrowed!.caseId);
    await asSystem(database, async (trx) => {
      await sql`UPDATE survivors SET consent_own_embassy = false
        WHERE id = (SELECT survivor_id FROM cases WHERE id = ${withdrawn!.caseId})`.execute(trx);
      await sql`UPDATE survivors SET consent_embassy_nationalities = '{ID}'
        WHERE id = (SELECT survivor_id FROM cases WHERE id = ${narrowed!.caseId})`.execute(trx);
    });
    const after = await viaFunction(actor);
    expect(after).not.toContain(withdrawn!.caseId);
    expect(after).not.toContain(narrowed!.caseId);
    expect(after).toHaveLength(before.length - 2);
    const queue = await asActor(database, actor, (trx) =>
      listConsularQueue(
        trx,
        { embassyOrganisationId: embassies.VN, nationalitiesServed: ['VN'] },
        { sort: 'newest', limit: 1000 },
      ),
    );
    expect(queue.map((r) => r.kase.id)).not.toContain(withdrawn!.caseId);
    expect(queue.map((r) => r.kase.id)).not.toContain(narrowed!.caseId);
  });
});
