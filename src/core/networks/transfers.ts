/**
 * Wallet transfers: a CSV of on-chain transfers (chain, tx, from, to, amount, time; optionally asset and index for a
 * transaction with several transfers), read line by line so a large export streams, each bad line reported with its
 * number while the rest imports; and the flows N hops out from a wallet, with the transfers touching a sanctioned or
 * compound-linked wallet flagged. Amounts stay decimal strings (no floating-point rounding of token amounts); totals
 * are summed as exact decimals.
 */

export interface Transfer {
  chain: string;
  tx: string;
  seq: number;
  from: string;
  to: string;
  amount: string;
  asset: string;
  at: string;
}

export type TransferLine = { ok: true; transfer: Transfer } | { ok: false; error: string } | { ok: 'blank' };

export const TRANSFER_COLUMNS = ['chain', 'tx', 'from', 'to', 'amount', 'time'] as const;
const OPTIONAL_COLUMNS = ['asset', 'index'] as const;
const HEADER_ALIASES: Record<string, string> = {
  hash: 'tx',
  tx_hash: 'tx',
  transaction: 'tx',
  from_address: 'from',
  to_address: 'to',
  value: 'amount',
  timestamp: 'time',
  block_time: 'time',
  token: 'asset',
  currency: 'asset',
  log_index: 'index',
};
const ADDRESS = /^[A-Za-z0-9:_-]{1,200}$/;
const AMOUNT = /^\d{1,60}(\.\d{1,36})?$/;
const CHAIN = /^[a-z0-9_-]{1,32}$/;

/** Hex (EVM) addresses are case-insensitive and stored lower-case; every other chain's addresses are kept as given. */
export const normaliseAddress = (a: string): string => (/^0x[0-9a-fA-F]+$/.test(a) ? a.toLowerCase() : a);

/** Splits one CSV line: commas, double-quoted cells with "" for a quote (a cell may not span lines). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/** The column positions from the header line, or what is missing. */
export function transferHeader(
  line: string,
): { ok: true; columns: Map<string, number> } | { ok: false; error: string } {
  const columns = new Map<string, number>();
  splitCsvLine(line.replace(/^\uFEFF/, '')).forEach((h, i) => {
    const name = h.toLowerCase();
    const key = Object.hasOwn(HEADER_ALIASES, name) ? HEADER_ALIASES[name]! : name;
    if (!columns.has(key) && [...TRANSFER_COLUMNS, ...OPTIONAL_COLUMNS].includes(key as never)) columns.set(key, i);
  });
  const missing = TRANSFER_COLUMNS.filter((c) => !columns.has(c));
  return missing.length ? { ok: false, error: `the header lacks ${missing.join(', ')}` } : { ok: true, columns };
}

function parseTime(v: string): string | null {
  if (/^\d{9,13}$/.test(v)) {
    const n = Number(v);
    return new Date(v.length > 10 ? n : n * 1000).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) return null;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || v.length === 10 ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** One data line. `seqOf` numbers several transfers of one transaction when the file has no index column. */
export function parseTransferLine(
  line: string,
  columns: Map<string, number>,
  seqOf: (chain: string, tx: string) => number,
): TransferLine {
  if (line.trim() === '') return { ok: 'blank' };
  const cells = splitCsvLine(line);
  const get = (c: string) => {
    const i = columns.get(c);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const chain = get('chain').toLowerCase();
  if (!CHAIN.test(chain)) return { ok: false, error: 'chain must be 1–32 lower-case letters, digits, - or _' };
  const tx = get('tx');
  if (!ADDRESS.test(tx)) return { ok: false, error: 'tx must be 1–200 letters or digits' };
  const [from, to] = [get('from'), get('to')];
  if (!ADDRESS.test(from)) return { ok: false, error: '"from" is not a wallet address' };
  if (!ADDRESS.test(to)) return { ok: false, error: '"to" is not a wallet address' };
  const amount = get('amount').replace(/^\+/, '');
  if (!AMOUNT.test(amount)) return { ok: false, error: 'amount must be a non-negative decimal number' };
  const at = parseTime(get('time'));
  if (!at) return { ok: false, error: 'time must be ISO 8601 (2025-03-01T10:00:00Z) or Unix seconds' };
  const index = get('index');
  if (index !== '' && !/^\d{1,9}$/.test(index)) return { ok: false, error: 'index must be a whole number' };
  const asset = get('asset').slice(0, 32);
  return {
    ok: true,
    transfer: {
      chain,
      tx,
      seq: index !== '' ? Number(index) : seqOf(chain, tx),
      from: normaliseAddress(from),
      to: normaliseAddress(to),
      amount,
      asset,
      at,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tracing

export type FlowDirection = 'out' | 'in' | 'both';

export interface WalletFlag {
  sanctioned: boolean;
  compoundLinked: boolean;
  entityId: string | null;
  caption: string | null;
  /** The caption of the wallet's holder, when the entity names one. */
  holder: string | null;
}

export interface TracedTransfer extends Transfer {
  hop: number;
  flags: ('sanctioned' | 'compound')[];
}

export interface TracedWallet {
  address: string;
  hop: number;
  received: string;
  sent: string;
  flag: WalletFlag | null;
}

/** Exact decimal addition of non-negative decimal strings. */
export function addDecimal(a: string, b: string): string {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const scale = Math.max(af.length, bf.length);
  const sum = BigInt(ai! + af.padEnd(scale, '0')) + BigInt(bi! + bf.padEnd(scale, '0'));
  if (scale === 0) return sum.toString();
  const digits = sum.toString().padStart(scale + 1, '0');
  const frac = digits.slice(-scale).replace(/0+$/, '');
  return frac ? `${digits.slice(0, -scale)}.${frac}` : digits.slice(0, -scale);
}

/**
 * Flows out from `start` (or into it, or both) up to `hops` transfers away: level by level, each level the transfers
 * touching the wallets reached so far; a wallet reached twice keeps its first (shortest) hop. `fetch` returns the
 * transfers of a frontier in the direction asked; `limit` bounds how many transfers a trace may hold in all.
 */
export async function traceFlows(
  start: string,
  o: { hops: number; direction: FlowDirection; limit: number },
  fetch: (addresses: readonly string[], direction: FlowDirection, limit: number) => Promise<readonly Transfer[]>,
  flagsOf: (addresses: readonly string[]) => Promise<ReadonlyMap<string, WalletFlag>>,
): Promise<{ wallets: TracedWallet[]; transfers: TracedTransfer[]; truncated: boolean }> {
  const origin = normaliseAddress(start);
  const hopOf = new Map<string, number>([[origin, 0]]);
  const transfers = new Map<string, TracedTransfer>();
  let frontier = [origin];
  let truncated = false;
  for (let hop = 1; hop <= o.hops && frontier.length > 0; hop++) {
    const room = o.limit - transfers.size;
    if (room <= 0) {
      truncated = true;
      break;
    }
    const found = await fetch(frontier, o.direction, room + 1);
    if (found.length > room) truncated = true;
    const next: string[] = [];
    for (const t of found.slice(0, room)) {
      const key = `${t.chain}:${t.tx}:${t.seq}`;
      if (transfers.has(key)) continue;
      transfers.set(key, { ...t, hop, flags: [] });
      for (const a of [t.from, t.to])
        if (!hopOf.has(a)) {
          hopOf.set(a, hop);
          next.push(a);
        }
    }
    frontier = next;
  }
  const flags = await flagsOf([...hopOf.keys()]);
  const wallets = new Map<string, TracedWallet>(
    [...hopOf].map(([address, hop]) => [
      address,
      { address, hop, received: '0', sent: '0', flag: flags.get(address) ?? null },
    ]),
  );
  for (const t of transfers.values()) {
    wallets.get(t.from)!.sent = addDecimal(wallets.get(t.from)!.sent, t.amount);
    wallets.get(t.to)!.received = addDecimal(wallets.get(t.to)!.received, t.amount);
    const ends = [flags.get(t.from), flags.get(t.to)];
    if (ends.some((f) => f?.sanctioned)) t.flags.push('sanctioned');
    if (ends.some((f) => f?.compoundLinked)) t.flags.push('compound');
  }
  return {
    wallets: [...wallets.values()].sort((a, b) => a.hop - b.hop || a.address.localeCompare(b.address)),
    transfers: [...transfers.values()].sort((a, b) => a.hop - b.hop || a.at.localeCompare(b.at)),
    truncated,
  };
}
