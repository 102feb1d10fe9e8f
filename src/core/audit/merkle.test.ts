import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCheckpoint, signTreeHead, verifyCheckpoint } from './checkpoint.ts';
import { auditLeafHash, type AuditEntry } from './entry.ts';
import {
  appendToFrontier,
  consistencyProof,
  EMPTY_FRONTIER,
  EMPTY_ROOT,
  frontierRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { checkCheckpoint, LogReplay } from './replay.ts';

const MAX = 40;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with distinct prefixes (0x00 / 0x01)', () => {
    expect(leafHash(Buffer.from(''))).toBe(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest('hex'),
    );
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const [a, b] = [leaves[0]!, leaves[1]!];
    expect(nodeHash(a, b)).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([1]), Buffer.from(a, 'hex'), Buffer.from(b, 'hex')]))
        .digest('hex'),
    );
    expect(treeRoot(leaves, 1)).toBe(leaves[0]);
    // Three leaves split at 2: H(H(l0, l1), l2), not H(l0, H(l1, l2)).
    expect(treeRoot(leaves, 3)).toBe(nodeHash(nodeHash(leaves[0]!, leaves[1]!), leaves[2]!));
  });

  it('extends the tree from its right edge exactly as a full recomputation does, for every size', () => {
    let frontier = EMPTY_FRONTIER;
    expect(frontierRoot(frontier)).toBe(EMPTY_ROOT);
    for (let n = 1; n <= MAX; n++) {
      frontier = appendToFrontier(frontier, [leaves[n - 1]!]);
      expect(frontierRoot(frontier)).toBe(treeRoot(leaves, n));
    }
    // In uneven batches too.
    expect(
      frontierRoot(appendToFrontier(appendToFrontier(EMPTY_FRONTIER, leaves.slice(0, 13)), leaves.slice(13, 37))),
    ).toBe(treeRoot(leaves, 37));
  });

  it('proves and verifies inclusion of every leaf in every tree up to 40, and rejects every tampered proof', () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n++) {
      const root = treeRoot(leaves, n);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i, n);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(flip(leaves[i]!), i, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[i]!, i, n, proof, flip(root))).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root)).toBe(false);
        for (let p = 0; p < proof.length; p++) {
          expect(
            verifyInclusion(
              leaves[i]!,
              i,
              n,
              proof.map((h, k) => (k === p ? flip(h) : h)),
              root,
            ),
          ).toBe(false);
        }
        if (proof.length) {
          expect(verifyInclusion(leaves[i]!, i, n, proof.slice(0, -1), root)).toBe(false);
          expect(verifyInclusion(leaves[i]!, i, n, [...proof, proof[0]!], root)).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it('proves and verifies consistency between all pairs of sizes up to 40; rejects tampered proofs and roots', () => {
    for (let n = 1; n <= MAX; n++) {
      const newRoot = treeRoot(leaves, n);
      for (let m = 0; m <= n; m++) {
        const oldRoot = treeRoot(leaves, m);
        const proof = consistencyProof(leaves, m, n);
        expect(verifyConsistency(m, n, proof, oldRoot, newRoot)).toBe(true);
        if (m > 0 && m < n) {
          expect(verifyConsistency(m, n, proof, flip(oldRoot), newRoot)).toBe(false);
          expect(verifyConsistency(m, n, proof, oldRoot, flip(newRoot))).toBe(false);
          for (let p = 0; p < proof.length; p++)
            expect(
              verifyConsistency(
                m,
                n,
                proof.map((h, k) => (k === p ? flip(h) : h)),
                oldRoot,
                newRoot,
              ),
            ).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(1), oldRoot, newRoot)).toBe(false);
          // A different history of the same length is not consistent with the old root.
          const forged = [...leaves.slice(0, m - 1), leafHash(Buffer.from('forged')), ...leaves.slice(m, n)];
          expect(verifyConsistency(m, n, consistencyProof(forged, m, n), oldRoot, treeRoot(forged, n))).toBe(false);
        }
      }
    }
  });
});

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  leafIndex: i,
  seq: i + 10,
  at: '2026-02-15T08:00:00.123456Z',
  actorUserId: '11111111-1111-4111-8111-111111111111',
  organisationId: '22222222-2222-4222-8222-222222222222',
  action: 'survivor.read',
  resourceType: 'survivor',
  resourceId: `s${i}`,
  requestId: `r${i}`,
  details: { i },
  ...over,
});

describe('audit entries as leaves', () => {
  it('covers every column: changing any one changes the leaf hash', () => {
    const base = entry(3);
    const changes: Partial<AuditEntry>[] = [
      { leafIndex: 4 },
      { seq: 99 },
      { at: '2026-02-15T08:00:00.123457Z' },
      { actorUserId: null },
      { organisationId: null },
      { action: 'survivor.update' },
      { resourceType: 'case' },
      { resourceId: null },
      { requestId: null },
      { details: { i: 4 } },
      { details: { i: 3, extra: true } },
    ];
    for (const c of changes) expect(auditLeafHash({ ...base, ...c }), JSON.stringify(c)).not.toBe(auditLeafHash(base));
    expect(auditLeafHash({ ...base, details: { b: 1, a: 2 } })).toBe(
      auditLeafHash({ ...base, details: { a: 2, b: 1 } }),
    );
  });

  it('replay names a gap and an edited row, and a kept checkpoint catches deletion and rewriting', () => {
    const rows = Array.from({ length: 8 }, (_, i) => entry(i));
    const hashes = rows.map(auditLeafHash);
    const key = generateKeyPairSync('ed25519').privateKey;
    const checkpoint = signTreeHead(
      { treeSize: 8, rootHash: treeRoot(hashes), timestamp: '2026-02-15T08:00:01.000000Z' },
      key,
    );

    const gap = new LogReplay();
    rows.filter((r) => r.leafIndex !== 3).forEach((r) => gap.add(r, auditLeafHash(r)));
    expect(gap.problem).toMatchObject({ leafIndex: 3, reason: expect.stringContaining('gap') });

    const edited = new LogReplay();
    rows.forEach((r, i) => edited.add(i === 5 ? { ...r, actorUserId: null } : r, hashes[i]!));
    expect(edited.problem).toMatchObject({ leafIndex: 5, seq: 15, reason: expect.stringContaining('edited') });

    expect(checkCheckpoint(hashes, checkpoint)).toBeNull();
    expect(checkCheckpoint(hashes.slice(0, 6), checkpoint)?.reason).toMatch(/deleted or the table was truncated/);
    expect(checkCheckpoint([], checkpoint)?.reason).toMatch(/truncated/);
    // Delete entry 2, renumber and re-hash the rest, add a forged entry to keep the size: the root differs.
    const rewritten = [
      ...rows.slice(0, 2),
      ...rows.slice(3).map((r) => ({ ...r, leafIndex: r.leafIndex - 1 })),
      entry(7, { action: 'forged' }),
    ].map(auditLeafHash);
    expect(checkCheckpoint(rewritten, checkpoint)?.reason).toMatch(/rewritten/);
    expect(checkCheckpoint([...hashes, leafHash(Buffer.from('later'))], checkpoint)).toBeNull();
  });
});

describe('signed checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const cp = signTreeHead(
    { treeSize: 12, rootHash: treeRoot(leaves, 12), timestamp: '2026-02-15T08:00:00.000000Z' },
    privateKey,
  );

  it("verifies with the signer's public key (object or PEM) and nothing else", () => {
    expect(verifyCheckpoint(cp, publicKey)).toBe(true);
    expect(verifyCheckpoint(cp, publicKey.export({ type: 'spki', format: 'pem' }) as string)).toBe(true);
    expect(verifyCheckpoint(cp, other.publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...signTreeHead(cp, other.privateKey), keyId: cp.keyId }, publicKey)).toBe(false);
  });

  it('rejects a checkpoint with any field changed', () => {
    expect(verifyCheckpoint({ ...cp, treeSize: 11 }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...cp, rootHash: flip(cp.rootHash) }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...cp, timestamp: '2026-02-16T08:00:00.000000Z' }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...cp, signature: Buffer.alloc(64).toString('base64') }, publicKey)).toBe(false);
  });

  it('parses only well-formed checkpoints', () => {
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    expect(parseCheckpoint({ ...cp, treeSize: -1 })).toBeNull();
    expect(parseCheckpoint({ ...cp, rootHash: 'xyz' })).toBeNull();
    expect(parseCheckpoint({ ...cp, origin: 'other' })).toBeNull();
    expect(parseCheckpoint('nope')).toBeNull();
  });
});
