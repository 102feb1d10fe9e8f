import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { refuge, seedEmbeddedDatabase } from '../testing/test-process.ts';

describe('refuge entities path and refuge transfers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'refuge-networks-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'imports entities and a transfers CSV from disk, finds a path and traces a flagged flow',
    { timeout: 300_000 },
    async () => {
      const env = { REFUGE_DATA_DIR: dir, REFUGE_SECRET_KEY: randomBytes(32).toString('base64') };
      seedEmbeddedDatabase(env.REFUGE_DATA_DIR);
      const ftm = join(dir, 'fixture.ftm.json');
      writeFileSync(
        ftm,
        [
          { id: 'c-boss', schema: 'Person', properties: { name: ['Quon Fictional'], topics: ['sanction'] } },
          { id: 'c-co', schema: 'Company', properties: { name: ['Fictional Holdings'] } },
          { id: 'c-own', schema: 'Ownership', properties: { owner: ['c-boss'], asset: ['c-co'] } },
          { id: 'c-wallet', schema: 'CryptoWallet', properties: { publicKey: ['0xB0557e11e7'], holder: ['c-boss'] } },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      expect((await refuge(['entities', 'import', ftm, '--json'], env)).code).toBe(0);
      const path = await refuge(['entities', 'path', 'c-co', 'c-wallet', '--json'], env);
      expect(JSON.parse(path.out.slice(path.out.indexOf('{')))).toMatchObject({
        found: true,
        path: ['c-co', 'c-boss', 'c-wallet'],
      });
      const csv = join(dir, 'transfers.csv');
      writeFileSync(
        csv,
        [
          'chain,hash,from,to,value,timestamp',
          'ethereum,0x01,0xAAAA,0xbbbb,10.5,2026-01-01T00:00:00Z',
          'ethereum,0x02,0xBBBB,0xB0557E11E7,10,2026-01-02T00:00:00Z',
          'ethereum,0x03,0xbbbb,0xcccc,not-a-number,2026-01-02T00:00:00Z',
        ].join('\n'),
      );
      const imported = await refuge(['transfers', 'import', csv, '--dataset', 'case-1'], env);
      expect(imported.code).toBe(2); // a line was rejected
      expect(imported.out).toContain('2 transfers imported, 0 already stored, 1 lines rejected');
      expect(imported.out).toContain('line 4: amount must be a non-negative decimal number');
      const trace = await refuge(['transfers', 'trace', '0xaaaa', '--hops', '2', '--json'], env);
      const t = JSON.parse(trace.out.slice(trace.out.indexOf('{')));
      expect(t.transfers.map((x: { tx: string; flags: string[] }) => [x.tx, x.flags])).toEqual([
        ['0x01', []],
        ['0x02', ['sanctioned']],
      ]);
    },
  );
});
