/**
 * Wallet transfers: CSV import (streamed in batches, each its own transaction; a transfer already stored is skipped,
 * so running the same file again — after an interruption or with more rows — is safe) and flow tracing out from a
 * wallet with the transfers touching sanctioned or compound-linked wallets flagged (core/networks/transfers).
 */
import {
  parseTransferLine,
  traceFlows,
  transferHeader,
  type FlowDirection,
  type TracedTransfer,
  type TracedWallet,
  type Transfer,
} from '../../core/networks/transfers.ts';
import type { ImportProblem } from '../../db/repositories/networks/imports.repository.ts';
import { MAX_KEPT_PROBLEMS } from '../../db/repositories/networks/imports.repository.ts';
import {
  countTransfers,
  insertTransfers,
  transfersTouching,
  walletFlags,
} from '../../db/repositories/networks/transfers.repository.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { badRequest } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { DATASET_NAME } from './import.service.ts';

const BATCH = 1000;

export interface TransferImportSummary {
  dataset: string;
  lines: number;
  imported: number;
  duplicates: number;
  rejected: number;
  problems: ImportProblem[];
}

export async function importTransfers(
  app: AppContext,
  actor: RequestActor | null,
  lines: AsyncIterable<string>,
  o: { dataset: string; onProgress?: (p: { line: number; imported: number; rejected: number }) => void },
): Promise<TransferImportSummary> {
  authoriseNetworks(actor, 'create');
  if (!DATASET_NAME.test(o.dataset))
    throw badRequest({ dataset: 'lower-case letters, digits, - and _ (up to 64)' }, 'the dataset name is not valid');
  const summary: TransferImportSummary = {
    dataset: o.dataset,
    lines: 0,
    imported: 0,
    duplicates: 0,
    rejected: 0,
    problems: [],
  };
  const problem = (line: number, error: string) => {
    summary.rejected++;
    if (summary.problems.length < MAX_KEPT_PROBLEMS) summary.problems.push({ line, error });
  };
  let columns: Map<string, number> | null = null;
  const perTx = new Map<string, number>();
  const seqOf = (chain: string, tx: string) => {
    const k = `${chain}\u0000${tx}`;
    const n = perTx.get(k) ?? 0;
    perTx.set(k, n + 1);
    return n;
  };
  let batch: Transfer[] = [];
  const flush = async () => {
    const writes = batch;
    batch = [];
    const inserted = await asNetworksActor(app, actor, (trx) =>
      insertTransfers(trx, writes, {
        dataset: o.dataset,
        at: app.now().toISOString(),
        createdBy: actor?.userId ?? null,
      }),
    );
    summary.imported += inserted;
    summary.duplicates += writes.length - inserted;
    o.onProgress?.({ line: summary.lines, imported: summary.imported, rejected: summary.rejected });
  };
  for await (const line of lines) {
    summary.lines++;
    if (!columns) {
      if (line.trim() === '') continue;
      const h = transferHeader(line);
      if (!h.ok) throw badRequest({ header: h.error }, `line ${summary.lines}: ${h.error}; nothing was imported`);
      columns = h.columns;
      continue;
    }
    const parsed = parseTransferLine(line, columns, seqOf);
    if (parsed.ok === 'blank') continue;
    if (parsed.ok === false) problem(summary.lines, parsed.error);
    else batch.push(parsed.transfer);
    if (batch.length >= BATCH) await flush();
  }
  if (!columns) throw badRequest({ body: 'empty' }, 'the file is empty: a header line and transfers were expected');
  await flush();
  await asNetworksActor(app, actor, (trx) =>
    audit(trx, app, actor, 'transfers.import', 'wallet_transfer', null, {
      dataset: o.dataset,
      imported: summary.imported,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
    }),
  );
  return summary;
}

export interface FlowTrace {
  address: string;
  hops: number;
  direction: FlowDirection;
  wallets: TracedWallet[];
  transfers: TracedTransfer[];
  truncated: boolean;
  flagged: number;
}

export async function traceWallet(
  app: AppContext,
  actor: RequestActor | null,
  q: { address: string; hops: number; direction: FlowDirection; limit: number },
): Promise<FlowTrace> {
  authoriseNetworks(actor, 'read');
  return asNetworksActor(app, actor, async (trx) => {
    const r = await traceFlows(
      q.address,
      q,
      (addresses, direction, limit) => transfersTouching(trx, addresses, direction, limit),
      (addresses) => walletFlags(trx, addresses),
    );
    if (actor) await audit(trx, app, actor, 'transfers.trace', 'wallet', null, { address: q.address, hops: q.hops });
    return {
      address: r.wallets[0]?.address ?? q.address,
      hops: q.hops,
      direction: q.direction,
      ...r,
      flagged: r.transfers.filter((t) => t.flags.length > 0).length,
    };
  });
}

export async function transferCount(app: AppContext, actor: RequestActor | null): Promise<number> {
  authoriseNetworks(actor, 'read');
  return asNetworksActor(app, actor, (trx) => countTransfers(trx));
}
