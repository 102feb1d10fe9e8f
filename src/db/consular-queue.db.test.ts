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
  consularQueuePage,
  countConsularQueue,
  listConsularQueue,
  type ConsularQueueFilter,
  type ConsularSort,
} from './repositories/casework/consular-queue.repository.ts';
import {
  BOOKABLE_STATUSES,
  CLEARED_EXIT,
  EMERGENCY_DOCUMENT_STATUSES,
  EXIT_CLEARANCE_STATUSES,
  type EmergencyDocumentStatus,
  type ExitClearanceStatus,
} from '../core/cases/consular.ts';
import { asActor, asSystem } from './transaction.ts';
import { createRng, pickSome } from '../core/random.ts';

const NATIONALITIES = ['ID', 'VN', 'PH', 'KE'];
const STATUSES: CaseStatus[] = ['open', 'assessed', 'awaiting_documents', 'awaiting_travel', 'repatriated'];
const DOCUMENTS: DocumentStatus[] = ['held', 'confiscated', 'lost'];

interface Person {
  caseId: string;
  survivorId: string;
  nationalities: string[];
  consent: boolean;
  consentNationalities: string[] | null;
  status: CaseStatus;
  risk: RiskLevel;
  document: DocumentStatus;
  openedAt: string;
  /** Per embassy that keeps a record of the case: its steps (a flight date when booked). */
  records: Map<string, ConsularStep>;
}
interface ConsularStep {
  flight: string | null;
  emergency: EmergencyDocumentStatus;
  exit: ExitClearanceStatus;
  repatriated: boolean;
}

/**
 * The consular queue (which pages through refuge_embassy_queue_page and counts through refuge_embassy_queue_count,
 * 0031) against a brute-force filter and sort, for several embassies, every filter, every sort, cursors paged to the
 * end, and capped counts; and the functions against an attacker: they answer only for the caller's own organisation as
 * an embassy, never with another embassy's nationals, anyone who did not consent, or whose consent was withdrawn or
 * narrowed to another nationality — and the triggers that keep their lists follow every change at once.
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
  const some = <T>(xs: readonly T[], max: number): T[] => pickSome(rng, xs, max);

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
          survivorId: randomUUID(),
          nationalities: rnd() < 0.05 ? [] : some(NATIONALITIES, 2),
          consent: rnd() < 0.6,
          consentNationalities: rnd() < 0.2 ? some(NATIONALITIES, 1) : null,
          status: pick(STATUSES),
          risk: pick(RISK_LEVELS),
          document: pick(DOCUMENTS),
          // Few distinct times, so ties fall through to the id.
          openedAt: pick(times),
          records: new Map(),
        };
        const survivorId = p.survivorId;
        await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages,
            document_status, consent_own_embassy, consent_embassy_nationalities)
          VALUES (${survivorId}, ${ngo}, 'sealed elsewhere', 'female', ${p.nationalities}::text[], '{}', ${p.document},
                  ${p.consent}, ${p.consentNationalities}::text[])`.execute(trx);
        await sql`INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, opened_at)
          VALUES (${p.caseId}, ${survivorId}, ${ngo}, ${p.status}, ${p.risk}, ${p.openedAt})`.execute(trx);
        for (const embassy of Object.values(embassies))
          if (rnd() < 0.4) {
            const step: ConsularStep = {
              flight: rnd() < 0.6 ? pick(dates) : null,
              emergency: pick(EMERGENCY_DOCUMENT_STATUSES),
              exit: pick(EXIT_CLEARANCE_STATUSES),
              repatriated: rnd() < 0.1,
            };
            p.records.set(embassy, step);
            await sql`INSERT INTO consular_records (id, case_id, embassy_organisation_id, case_organisation_id,
                emergency_document_status, exit_clearance, flight_date, flight_number, repatriated_at, updated_at)
              VALUES (${randomUUID()}, ${p.caseId}, ${embassy}, ${ngo}, ${step.emergency}, ${step.exit}, ${step.flight},
                      ${step.flight ? 'QZ273' : null}, ${step.repatriated ? new Date().toISOString() : null}, now())`.execute(
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
  const flightOf = (p: Person, embassy: string) => p.records.get(embassy)?.flight ?? null;
  const SORT: Record<ConsularSort, { key: (p: Person, embassy: string) => string | number; desc: boolean }> = {
    newest: { key: (p) => p.openedAt, desc: true },
    oldest: { key: (p) => p.openedAt, desc: false },
    flight: { key: (p, e) => flightOf(p, e) ?? '9999-12-31', desc: false },
    risk: { key: (p) => RISK_LEVELS.indexOf(p.risk), desc: true },
  };
  const keyOf = (p: Person, embassy: string, sort: ConsularSort): Key => [SORT[sort].key(p, embassy), p.caseId];
  const compare = (a: Key, b: Key, desc: boolean) => {
    for (let i = 0; i < 2; i++) if (a[i] !== b[i]) return (a[i]! < b[i]! ? -1 : 1) * (desc ? -1 : 1);
    return 0;
  };
  /** core/cases readyToFly, by hand (a case without a record: nothing requested, exit pending, no flight). */
  const ready = (p: Person, embassy: string) => {
    const r = p.records.get(embassy);
    return (
      BOOKABLE_STATUSES.includes(p.status) &&
      !!r &&
      !r.repatriated &&
      (p.document === 'held' || r.emergency === 'issued') &&
      CLEARED_EXIT.includes(r.exit) &&
      r.flight !== null
    );
  };
  type Filter = Omit<ConsularQueueFilter, 'embassyOrganisationId' | 'nationalitiesServed'>;
  const matches = (embassy: string, f: Filter, p: Person) => {
    const r = p.records.get(embassy);
    return (
      sees(embassy, p) &&
      meets(p.nationalities, served[embassy]!) &&
      (!f.statuses || f.statuses.includes(p.status)) &&
      (!f.nationalities || meets(p.nationalities, f.nationalities)) &&
      (!f.documentStatuses || f.documentStatuses.includes(p.document)) &&
      (!f.emergencyDocument || f.emergencyDocument.includes(r?.emergency ?? 'not_requested')) &&
      (!f.exitClearance || f.exitClearance.includes(r?.exit ?? 'pending')) &&
      (f.ready === undefined || f.ready === ready(p, embassy)) &&
      (f.flight !== 'none' || flightOf(p, embassy) === null) &&
      (f.flight !== 'booked' || flightOf(p, embassy) !== null) &&
      (!f.search ||
        f.search.survivorIds.includes(p.survivorId) ||
        (!!f.search.idPrefix && p.caseId.startsWith(f.search.idPrefix)))
    );
  };
  const bruteForce = (embassy: string, f: Filter, sort: ConsularSort, after?: Key): string[] =>
    people
      .filter((p) => matches(embassy, f, p) && (!after || compare(keyOf(p, embassy, sort), after, SORT[sort].desc) > 0))
      .sort((a, b) => compare(keyOf(a, embassy, sort), keyOf(b, embassy, sort), SORT[sort].desc))
      .map((p) => p.caseId);

  const randomFilter = (): Filter => {
    const f: Filter = {};
    if (rnd() < 0.4) f.statuses = some(STATUSES, 2);
    if (rnd() < 0.4) f.nationalities = rnd() < 0.15 ? ['ZZ'] : some(NATIONALITIES, 2);
    if (rnd() < 0.3) f.documentStatuses = some(DOCUMENTS, 2);
    if (rnd() < 0.3) f.flight = pick(['none', 'booked'] as const);
    if (rnd() < 0.25) f.emergencyDocument = some(EMERGENCY_DOCUMENT_STATUSES, 2);
    if (rnd() < 0.25) f.exitClearance = some(EXIT_CLEARANCE_STATUSES, 2);
    if (rnd() < 0.2) f.ready = rnd() < 0.5;
    if (rnd() < 0.15)
      f.search = {
        survivorIds: Array.from({ length: Math.floor(rnd() * 40) }, () => pick(people).survivorId),
        idPrefix: rnd() < 0.5 ? pick(people).caseId.slice(0, 1) : null,
      };
    return f;
  };
  /** Every kind of filter alone (the record filters both with and without the values of a case without a record). */
  const someOfEach = (): Filter[] => [
    {},
    { nationalities: ['ZZ'] },
    { statuses: ['awaiting_travel'] },
    { nationalities: ['PH'] },
    { documentStatuses: ['lost', 'held'] },
    { flight: 'none' },
    { flight: 'booked' },
    { ready: true },
    { ready: false },
    { emergencyDocument: ['not_requested', 'issued'] },
    { emergencyDocument: ['requested'] },
    { exitClearance: ['pending'] },
    { exitClearance: ['paid', 'waived'] },
    { search: { survivorIds: people.slice(0, 60).map((p) => p.survivorId), idPrefix: null } },
    { search: { survivorIds: people.slice(0, 30).map((p) => p.survivorId), idPrefix: 'a' } },
    { search: { survivorIds: [], idPrefix: people[7]!.caseId.slice(0, 2) } },
    { search: { survivorIds: [], idPrefix: null } },
    { flight: 'none', ready: false, exitClearance: ['pending', 'paid'], statuses: ['open', 'awaiting_travel'] },
  ];

  /** Pages one embassy's queue to the end and checks each page, its `more` and its count against the brute force. */
  async function checkQueue(embassy: string, f: Filter, sort: ConsularSort, limit: number): Promise<number> {
    const actor = consuls.get(embassy)!;
    const scope = { embassyOrganisationId: embassy, nationalitiesServed: served[embassy]! };
    const expected = bruteForce(embassy, f, sort);
    const paged: string[] = [];
    let after: { key: string | number; id: string } | undefined;
    for (let page = 0; page < 300; page++) {
      const { rows, more, total } = await asActor(database, actor, (trx) =>
        consularQueuePage(trx, { ...scope, ...f }, { sort, limit, after }),
      );
      paged.push(...rows.map((r) => r.kase.id));
      // Exact up to the cap (far above this data): whatever page it is told on.
      expect({ f, total }).toEqual({ f, total: { count: expected.length, exact: true } });
      expect({ f, sort, page, more }).toEqual({ f, sort, page, more: paged.length < expected.length });
      if (!more) break;
      after = { key: rows.at(-1)!.sortKey, id: rows.at(-1)!.kase.id };
    }
    expect({ embassy, f, sort, ids: paged }).toEqual({ embassy, f, sort, ids: expected });
    // Capped: exact when it says so (the paths that read few rows count them all), else "at least `cap`", true.
    const cap = 1 + Math.floor(rnd() * 12);
    const capped = await asActor(database, actor, (trx) => countConsularQueue(trx, { ...scope, ...f }, cap));
    expect({ f, cap, capped }).toEqual({
      f,
      cap,
      capped:
        capped.exact || expected.length <= cap ? { count: expected.length, exact: true } : { count: cap, exact: false },
    });
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
    return expected.length;
  }

  it('pages every embassy, filter and sort to the end as a brute-force filter and sort does, and counts it', async () => {
    const filters = someOfEach();
    for (let i = 0; i < 6; i++) filters.push(randomFilter());
    let checked = 0;
    for (const embassy of Object.values(embassies))
      for (const f of filters)
        for (const sort of ['newest', 'oldest', 'flight', 'risk'] as const)
          checked += await checkQueue(embassy, f, sort, 3 + Math.floor(rnd() * 20));
    expect(checked).toBeGreaterThan(1500);
  }, 600_000);

  type Trx = Parameters<Parameters<typeof asSystem>[1]>[0];
  const NO_FILTER = sql`NULL::text[], NULL::text[], NULL::text[], NULL::uuid[], NULL::text, NULL::uuid[]`;
  /** Everything refuge_embassy_queue_page returns the caller, paged to the end by hand (newest first). */
  const viaFunction = (actor: RequestActor | null, filter = NO_FILTER) => {
    const read = async (trx: Trx) => {
      const ids: string[] = [];
      let after = sql`NULL::text, NULL::uuid`;
      for (let i = 0; i < 100; i++) {
        const page = (
          await sql<{ id: string; opened_at: string }>`SELECT p.id, c.opened_at FROM
            refuge_embassy_queue_page('newest', ${after}, 37, ${filter}) AS p(id)
            LEFT JOIN cases c ON c.id = p.id`.execute(trx)
        ).rows;
        ids.push(...page.map((r) => r.id));
        if (page.length < 37 || !page.at(-1)!.opened_at) break;
        after = sql`${new Date(page.at(-1)!.opened_at).toISOString()}::text, ${page.at(-1)!.id}::uuid`;
      }
      return ids.sort();
    };
    return actor ? asActor(database, actor, read) : asSystem(database, read);
  };
  const countVia = (actor: RequestActor | null) => {
    const read = async (trx: Trx) =>
      (await sql<{ n: number }>`SELECT refuge_embassy_queue_count(${NO_FILTER}, 100000) AS n`.execute(trx)).rows[0]!.n;
    return actor ? asActor(database, actor, read) : asSystem(database, read);
  };
  /** The queue's scope by hand: the policy (sees) and the embassy's own nationals. */
  const inQueue = (embassy: string) =>
    people.filter((p) => sees(embassy, p) && meets(p.nationalities, served[embassy]!)).map((p) => p.caseId);

  it('returns an embassy only cases row-level security shows it, and nothing to anyone else', async () => {
    for (const embassy of Object.values(embassies)) {
      const actor = consuls.get(embassy)!;
      const ids = await viaFunction(actor);
      expect(ids).toEqual([...inQueue(embassy)].sort());
      expect(ids.length).toBeGreaterThan(5);
      expect(await countVia(actor)).toBe(ids.length);
      // Row-level security shows at least these: the functions leak nothing the policy does not.
      const rls = await asActor(database, actor, async (trx) =>
        (await sql<{ id: string }>`SELECT id FROM cases`.execute(trx)).rows.map((r) => r.id),
      );
      expect(ids.filter((id) => !rls.includes(id))).toEqual([]);
      // Never anyone who did not consent, never another embassy's nationals only.
      const byId = new Map(people.map((p) => [p.caseId, p]));
      for (const id of ids) {
        const p = byId.get(id)!;
        expect(p.consent).toBe(true);
        expect(meets(p.consentNationalities ?? p.nationalities, served[embassy]!)).toBe(true);
      }
      // Parameters only narrow: naming every survivor and every case prefix adds no one.
      const everyone = sql`NULL::text[], NULL::text[], NULL::text[], ${sql.val(people.map((p) => p.survivorId))}::uuid[],
        ''::text, NULL::uuid[]`;
      expect(await viaFunction(actor, everyone)).toEqual(ids);
    }
    // A caseworker of the organisation that registered them (not an embassy), and no session at all.
    expect(await viaFunction(caseworker)).toEqual([]);
    expect(await viaFunction(null)).toEqual([]);
    expect(await countVia(caseworker)).toBe(0);
    expect(await countVia(null)).toBe(0);
    // Only the caller's organisation counts: the session decides, no argument can name another.
    await expect(
      asActor(database, caseworker, (trx) =>
        sql`SELECT refuge_embassy_queue_page('newest', NULL, NULL, 10, ${NO_FILTER}, ${embassies.ID}::uuid)`.execute(
          trx,
        ),
      ),
    ).rejects.toThrow();
    // The lists themselves are the schema owner's: the application role cannot read them.
    await expect(
      asActor(database, consuls.get(embassies.ID)!, (trx) =>
        sql`SELECT case_id FROM consular_queue_entries`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
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
    withdrawn!.consent = false;
    narrowed!.consentNationalities = ['ID'];
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

  it('follows every change to a case or survivor at once (the triggers that keep its lists)', async () => {
    const changed = Array.from({ length: 40 }, () => pick(people));
    await asSystem(database, async (trx) => {
      for (const p of changed) {
        const what = Math.floor(rnd() * 6);
        if (what === 0) p.status = pick(STATUSES);
        else if (what === 1) p.risk = pick(RISK_LEVELS);
        else if (what === 2) p.openedAt = new Date(Date.UTC(2026, 0, 1, Math.floor(rnd() * 24))).toISOString();
        else if (what === 3) p.document = pick(DOCUMENTS);
        else if (what === 4) p.nationalities = some(NATIONALITIES, 2);
        else {
          p.consent = !p.consent;
          p.consentNationalities = rnd() < 0.5 ? null : some(NATIONALITIES, 2);
        }
        await sql`UPDATE cases SET status = ${p.status}, risk_level = ${p.risk}, opened_at = ${p.openedAt}
          WHERE id = ${p.caseId}`.execute(trx);
        await sql`UPDATE survivors SET document_status = ${p.document}, nationalities = ${p.nationalities}::text[],
            consent_own_embassy = ${p.consent}, consent_embassy_nationalities = ${p.consentNationalities}::text[]
          WHERE id = ${p.survivorId}`.execute(trx);
      }
      // A new consenting survivor's case joins at once.
      const added: Person = { ...pick(people), caseId: randomUUID(), survivorId: randomUUID(), records: new Map() };
      added.consent = true;
      added.consentNationalities = null;
      added.nationalities = ['ID'];
      await sql`INSERT INTO survivors (id, organisation_id, identity_enc, sex, nationalities, languages,
          document_status, consent_own_embassy)
        VALUES (${added.survivorId}, ${ngo}, 'sealed elsewhere', 'female', '{ID}', '{}', ${added.document}, true)`.execute(
        trx,
      );
      await sql`INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, opened_at)
        VALUES (${added.caseId}, ${added.survivorId}, ${ngo}, ${added.status}, ${added.risk}, ${added.openedAt})`.execute(
        trx,
      );
      people.push(added);
    });
    expect(await viaFunction(consuls.get(embassies.ID)!)).toContain(people.at(-1)!.caseId);
    for (const embassy of Object.values(embassies)) {
      expect(await viaFunction(consuls.get(embassy)!)).toEqual([...inQueue(embassy)].sort());
      for (const sort of ['newest', 'risk', 'flight'] as const)
        for (const f of [{}, { statuses: ['open' as const] }, { documentStatuses: ['lost' as const] }])
          await checkQueue(embassy, f, sort, 7);
    }
    // Refreshing every case at once, each named twice, leaves every entry as the triggers left it.
    const entries = () =>
      asSystem(database, async (trx) =>
        (
          await sql<{ entry: string }>`SELECT concat_ws('|', nationality, case_id, survivor_id, opened_at, risk, status,
              document_status, nationalities, consented) AS entry FROM consular_queue_entries ORDER BY 1`.execute(trx)
        ).rows.map((r) => r.entry),
      );
    const before = await entries();
    const ids = people.map((p) => p.caseId);
    await asSystem(database, (trx) =>
      sql`SELECT refuge_consular_queue_refresh(${[...ids, ...ids]}::uuid[])`.execute(trx),
    );
    expect(await entries()).toEqual(before);
    expect(before.length).toBeGreaterThan(people.length / 4);
  }, 120_000);
});
