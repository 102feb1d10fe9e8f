import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, findChainBreak, GENESIS_HASH, type StoredAuditRow } from './chain.ts';

function build(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const payload = canonicalJson({ action: 'survivor.read', resourceType: 'survivor', resourceId: `s${i}`, details: { i } });
    const hash = chainHash(prev, payload);
    rows.push({ seq: i, payload, prevHash: prev, hash, action: 'survivor.read', resourceType: 'survivor', resourceId: `s${i}` });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('accepts an intact chain', () => {
    const result = findChainBreak(build(5));
    expect(result.break).toBeNull();
    expect(result.count).toBe(5);
  });
  it('finds an edited payload', () => {
    const rows = build(5);
    rows[2] = { ...rows[2], payload: rows[2].payload.replace('s3', 's9') };
    expect(findChainBreak(rows).break).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') });
  });
  it('finds a removed row', () => {
    const rows = build(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows).break?.seq).toBe(3);
  });
  it('finds an indexed column changed without touching the payload', () => {
    const rows = build(3);
    rows[1] = { ...rows[1], resourceId: 'someone-else' };
    expect(findChainBreak(rows).break?.seq).toBe(2);
  });
});
