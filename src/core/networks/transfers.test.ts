import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  parseTransferLine,
  traceFlows,
  transferHeader,
  type Transfer,
  type WalletFlag,
} from './transfers.ts';

const header = (line: string) => {
  const h = transferHeader(line);
  if (!h.ok) throw new Error(h.error);
  return h.columns;
};

describe('transfer CSV lines', () => {
  const columns = header('chain,tx,from,to,amount,time,asset');
  const seq = () => 0;

  it('reads a line, lower-cases hex addresses and keeps other chains’ case', () => {
    const evm = parseTransferLine('ethereum,0xAB,0xDeadBEEF,0xCAFE,1.50,2025-03-01T10:00:00Z,USDT', columns, seq);
    expect(evm).toEqual({
      ok: true,
      transfer: {
        chain: 'ethereum',
        tx: '0xAB',
        seq: 0,
        from: '0xdeadbeef',
        to: '0xcafe',
        amount: '1.50',
        asset: 'USDT',
        at: '2025-03-01T10:00:00.000Z',
      },
    });
    const tron = parseTransferLine('tron,t1,TAbC,TxYz,5,1740823200,', columns, seq);
    expect(tron.ok === true && [tron.transfer.from, tron.transfer.at]).toEqual(['TAbC', '2025-03-01T10:00:00.000Z']);
  });

  it('refuses what is not a transfer, saying why', () => {
    const bad = (line: string) => {
      const r = parseTransferLine(line, columns, seq);
      return r.ok === false ? r.error : 'accepted';
    };
    expect(bad('tron,t1,TA,TB,-5,2025-03-01,')).toMatch(/amount/);
    expect(bad('tron,t1,TA,TB,1e9,2025-03-01,')).toMatch(/amount/);
    expect(bad('tron,t1,TA,TB,5,yesterday,')).toMatch(/time/);
    expect(bad('tron,t1,T A,TB,5,2025-03-01,')).toMatch(/from/);
    expect(bad('Tron Chain,t1,TA,TB,5,2025-03-01,')).toMatch(/chain/);
    expect(parseTransferLine('   ', columns, seq)).toEqual({ ok: 'blank' });
  });

  it('accepts common header spellings and says which columns are missing', () => {
    expect(transferHeader('\uFEFFChain,Hash,From_Address,To_Address,Value,Timestamp').ok).toBe(true);
    expect(transferHeader('chain,tx,from,amount')).toEqual({ ok: false, error: 'the header lacks to, time' });
  });

  it('keeps quoted cells whole', () => {
    const r = parseTransferLine('"tron","t1","TA","TB","7","2025-03-01","Tether, ""USD"""', columns, seq);
    expect(r.ok === true && r.transfer.asset).toBe('Tether, "USD"');
  });
});

describe('addDecimal', () => {
  it('adds token amounts exactly', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('123456789012345678901234567890', '1.000000000000000001')).toBe(
      '123456789012345678901234567891.000000000000000001',
    );
    expect(addDecimal('0', '0')).toBe('0');
  });
});

describe('traceFlows', () => {
  const t = (tx: string, from: string, to: string, amount: string): Transfer => ({
    chain: 'tron',
    tx,
    seq: 0,
    from,
    to,
    amount,
    asset: 'USDT',
    at: `2025-03-01T00:00:0${tx.length}Z`,
  });
  const all = [
    t('1', 'A', 'B', '100'),
    t('2', 'B', 'C', '60'),
    t('3', 'B', 'D', '40'),
    t('4', 'C', 'S', '60'), // S is sanctioned
    t('5', 'X', 'A', '7'), // into A
    t('6', 'D', 'K', '1'), // K is a compound's wallet
  ];
  const fetch = async (addresses: readonly string[], direction: string, limit: number) =>
    all
      .filter(
        (x) => (direction !== 'in' && addresses.includes(x.from)) || (direction !== 'out' && addresses.includes(x.to)),
      )
      .slice(0, limit);
  const flag = (f: Partial<WalletFlag>): WalletFlag => ({
    sanctioned: false,
    compoundLinked: false,
    entityId: null,
    caption: null,
    holder: null,
    ...f,
  });
  const flags = async () =>
    new Map([
      ['S', flag({ sanctioned: true, entityId: 'e-s' })],
      ['K', flag({ compoundLinked: true })],
    ]);

  it('follows money out hop by hop with amounts, and flags transfers touching sanctioned or compound wallets', async () => {
    const r = await traceFlows('A', { hops: 3, direction: 'out', limit: 100 }, fetch, flags);
    expect(r.transfers.map((x) => [x.tx, x.hop, x.flags])).toEqual([
      ['1', 1, []],
      ['2', 2, []],
      ['3', 2, []],
      ['4', 3, ['sanctioned']],
      ['6', 3, ['compound']],
    ]);
    const b = r.wallets.find((w) => w.address === 'B')!;
    expect([b.hop, b.received, b.sent]).toEqual([1, '100', '100']);
    expect(r.wallets.find((w) => w.address === 'S')!.flag?.entityId).toBe('e-s');
    expect(r.wallets.some((w) => w.address === 'X')).toBe(false); // money into A is not a flow out of it
    expect(r.truncated).toBe(false);
  });

  it('stops at the hop count, follows money in when asked, and reports a trace cut by its limit', async () => {
    const two = await traceFlows('A', { hops: 2, direction: 'out', limit: 100 }, fetch, flags);
    expect(two.transfers.map((x) => x.tx)).toEqual(['1', '2', '3']);
    const into = await traceFlows('A', { hops: 1, direction: 'in', limit: 100 }, fetch, flags);
    expect(into.transfers.map((x) => x.tx)).toEqual(['5']);
    const cut = await traceFlows('A', { hops: 3, direction: 'out', limit: 2 }, fetch, flags);
    expect(cut.transfers).toHaveLength(2);
    expect(cut.truncated).toBe(true);
  });
});
