/**
 * Wallet transfers (0022): the only SQL touching `wallet_transfers`, and the lookups that flag a traced wallet
 * (a CryptoWallet entity with that address, sanctioned itself or through its holder, or linked to a compound).
 */
import { sql } from 'kysely';
import type { FlowDirection, Transfer, WalletFlag } from '../../../core/networks/transfers.ts';
import type { Queryable } from '../../transaction.ts';

/** Inserts a batch; a transfer already stored (same chain, tx and index) is left as it is. Returns how many were new. */
export async function insertTransfers(
  trx: Queryable,
  batch: readonly Transfer[],
  meta: { dataset: string; at: string; createdBy: string | null; isDemo?: boolean },
): Promise<number> {
  if (batch.length === 0) return 0;
  const unique = new Map(batch.map((t) => [`${t.chain}\u0000${t.tx}\u0000${t.seq}`, t]));
  const rows = await trx
    .insertInto('wallet_transfers')
    .values(
      [...unique.values()].map((t) => ({
        chain: t.chain,
        tx: t.tx,
        seq: t.seq,
        from_address: t.from,
        to_address: t.to,
        amount: t.amount,
        asset: t.asset,
        at: t.at,
        dataset: meta.dataset,
        imported_at: meta.at,
        created_by: meta.createdBy,
        is_demo: meta.isDemo ?? false,
      })),
    )
    .onConflict((oc) => oc.columns(['chain', 'tx', 'seq']).doNothing())
    .returning('tx')
    .execute();
  return rows.length;
}

/** Transfers leaving (out), reaching (in) or touching (both) any of `addresses`, oldest first, at most `limit`. */
export async function transfersTouching(
  trx: Queryable,
  addresses: readonly string[],
  direction: FlowDirection,
  limit: number,
): Promise<Transfer[]> {
  if (addresses.length === 0) return [];
  const list = [...addresses];
  const rows = await trx
    .selectFrom('wallet_transfers')
    .select(['chain', 'tx', 'seq', 'from_address', 'to_address', sql<string>`amount::text`.as('amount'), 'asset', 'at'])
    .where((eb) =>
      direction === 'out'
        ? eb('from_address', 'in', list)
        : direction === 'in'
          ? eb('to_address', 'in', list)
          : eb.or([eb('from_address', 'in', list), eb('to_address', 'in', list)]),
    )
    .orderBy('at')
    .orderBy('tx')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    chain: r.chain,
    tx: r.tx,
    seq: r.seq,
    from: r.from_address,
    to: r.to_address,
    amount: r.amount,
    asset: r.asset,
    at: new Date(r.at).toISOString(),
  }));
}

/**
 * For each address that is a live CryptoWallet entity's publicKey (hex addresses compared lower-case): the wallet,
 * whether it or its holder is sanctioned (a `sanction` topic or a Sanction naming it), and whether it or its holder
 * is linked to a compound.
 */
export async function walletFlags(trx: Queryable, addresses: readonly string[]): Promise<Map<string, WalletFlag>> {
  const out = new Map<string, WalletFlag>();
  if (addresses.length === 0) return out;
  const { rows } = await sql<{
    address: string;
    id: string;
    caption: string;
    sanctioned: boolean;
    compound: boolean;
    holder: string | null;
  }>`
    WITH wallets AS (
      SELECT DISTINCT ON (k.address) k.address, w.id, w.caption, w.properties,
        ARRAY[w.id] || coalesce(ARRAY(SELECT jsonb_array_elements_text(w.properties -> 'holder')), '{}') AS parties
      FROM entities w
      CROSS JOIN LATERAL (SELECT CASE WHEN v ~ '^0x[0-9a-fA-F]+$' THEN lower(v) ELSE v END AS address
        FROM jsonb_array_elements_text(w.properties -> 'publicKey') v) k
      WHERE w.schema = 'CryptoWallet' AND w.disappeared_at IS NULL
        AND k.address = ANY (${sql.val([...addresses])}::text[])
      ORDER BY k.address, w.id
    )
    SELECT address, id, caption,
      EXISTS (SELECT 1 FROM entities p WHERE p.id = ANY (wallets.parties) AND p.disappeared_at IS NULL
          AND p.properties -> 'topics' ? 'sanction')
        OR EXISTS (SELECT 1 FROM entities s WHERE s.schema = 'Sanction' AND s.disappeared_at IS NULL
          AND s.refs && wallets.parties) AS sanctioned,
      EXISTS (SELECT 1 FROM compound_entities c WHERE c.entity_id = ANY (wallets.parties)) AS compound,
      (SELECT h.caption FROM entities h WHERE h.id = wallets.parties[2]) AS holder
    FROM wallets`.execute(trx);
  for (const r of rows)
    out.set(r.address, {
      sanctioned: r.sanctioned,
      compoundLinked: r.compound,
      entityId: r.id,
      caption: r.caption,
      holder: r.holder,
    });
  return out;
}

export async function countTransfers(trx: Queryable): Promise<number> {
  const r = await trx
    .selectFrom('wallet_transfers')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
