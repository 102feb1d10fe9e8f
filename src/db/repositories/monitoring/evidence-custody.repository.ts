/** The custody log of evidence, each entry chained to the one before by its hash: the only SQL touching evidence_custody. */
import type { Selectable } from 'kysely';
import type { CustodyEntry } from '../../../core/evidence/custody-log.ts';
import type { EvidenceCustodyTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';

export async function lastCustodyEntry(
  trx: Queryable,
  evidenceId: string,
): Promise<(CustodyEntry & { seq: number }) | null> {
  const r = await trx
    .selectFrom('evidence_custody')
    .selectAll()
    .where('evidence_id', '=', evidenceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toEntry(r) : null;
}

function toEntry(r: Selectable<EvidenceCustodyTable>): CustodyEntry & { seq: number } {
  return {
    seq: r.seq,
    evidenceId: r.evidence_id,
    actorId: r.actor_id,
    action: r.action,
    at: r.at,
    details: r.details,
    previousHash: r.previous_hash,
    hash: r.hash,
  };
}

export async function insertCustodyEntries(
  trx: Queryable,
  entries: readonly (CustodyEntry & { seq: number })[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('evidence_custody')
    .values(
      entries.map((e) => ({
        evidence_id: e.evidenceId,
        seq: e.seq,
        actor_id: e.actorId,
        action: e.action,
        at: e.at,
        details: JSON.stringify(e.details),
        previous_hash: e.previousHash,
        hash: e.hash,
      })),
    )
    .execute();
}

export async function listCustody(
  trx: Queryable,
  evidenceId: string,
  limit: number,
): Promise<(CustodyEntry & { seq: number })[]> {
  return (
    await trx
      .selectFrom('evidence_custody')
      .selectAll()
      .where('evidence_id', '=', evidenceId)
      .orderBy('seq')
      .limit(limit)
      .execute()
  ).map(toEntry);
}

/** Every custody entry of every item, a page at a time in (evidence, seq) order: what audit verification walks. */
export async function readCustodyPage(
  trx: Queryable,
  after: { evidenceId: string; seq: number } | null,
  limit: number,
): Promise<(CustodyEntry & { seq: number })[]> {
  const rows = await trx
    .selectFrom('evidence_custody')
    .selectAll()
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('evidence_id', '>', after!.evidenceId),
          eb.and([eb('evidence_id', '=', after!.evidenceId), eb('seq', '>', after!.seq)]),
        ]),
      ),
    )
    .orderBy('evidence_id')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}
