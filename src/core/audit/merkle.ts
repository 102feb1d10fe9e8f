/**
 * A Merkle tree in the style of RFC 9162 (Certificate Transparency 2.0), section 2.1:
 * leaf hash = SHA-256(0x00 || entry), node hash = SHA-256(0x01 || left || right), the tree over n
 * leaves splits at the largest power of two below n. Inclusion and consistency proofs and their
 * verifiers follow the RFC's algorithms literally so that any RFC 9162 verifier agrees with them.
 * Hashes travel as lowercase hex strings; everything here is pure.
 */
import { createHash } from 'node:crypto';

export type Hex = string;

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(entry: Uint8Array): Hex {
  return createHash('sha256').update(LEAF).update(entry).digest('hex');
}

export function nodeHash(left: Hex, right: Hex): Hex {
  return createHash('sha256')
    .update(NODE)
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

/** Root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Hex = createHash('sha256').digest('hex');

/** Largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]) over already-hashed leaves. */
function subtreeRoot(leaves: readonly Hex[], lo: number, hi: number): Hex {
  const n = hi - lo;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[lo]!;
  const k = split(n);
  return nodeHash(subtreeRoot(leaves, lo, lo + k), subtreeRoot(leaves, lo + k, hi));
}

/** Root hash of the tree over the first `size` leaf hashes (all of them by default). */
export function treeRoot(leaves: readonly Hex[], size = leaves.length): Hex {
  if (size > leaves.length || size < 0)
    throw new Error(`tree of ${size} leaves needs that many leaf hashes, ${leaves.length} given`);
  return subtreeRoot(leaves, 0, size);
}

/** PATH(m, D[n]) of RFC 9162 2.1.3.1: siblings from the leaf up. */
export function inclusionProof(leaves: readonly Hex[], index: number, size = leaves.length): Hex[] {
  if (index < 0 || index >= size || size > leaves.length) throw new Error(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, lo: number, hi: number): Hex[] => {
    const n = hi - lo;
    if (n === 1) return [];
    const k = split(n);
    return m < k
      ? [...path(m, lo, lo + k), subtreeRoot(leaves, lo + k, hi)]
      : [...path(m - k, lo + k, hi), subtreeRoot(leaves, lo, lo + k)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[n]) of RFC 9162 2.1.4.1: that the tree of `oldSize` leaves is a prefix of the tree of `newSize`. */
export function consistencyProof(leaves: readonly Hex[], oldSize: number, newSize = leaves.length): Hex[] {
  if (oldSize < 0 || oldSize > newSize || newSize > leaves.length)
    throw new Error(`no consistency proof from ${oldSize} to ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const sub = (m: number, lo: number, hi: number, complete: boolean): Hex[] => {
    const n = hi - lo;
    if (m === n) return complete ? [] : [subtreeRoot(leaves, lo, hi)];
    const k = split(n);
    return m <= k
      ? [...sub(m, lo, lo + k, complete), subtreeRoot(leaves, lo + k, hi)]
      : [...sub(m - k, lo + k, hi, false), subtreeRoot(leaves, lo, lo + k)];
  };
  return sub(oldSize, 0, newSize, true);
}

const HEX64 = /^[0-9a-f]{64}$/;
const isHashList = (xs: readonly unknown[]) => xs.every((x) => typeof x === 'string' && HEX64.test(x));

/** RFC 9162 2.1.3.2: does `leaf` sit at `index` of the tree of `size` leaves whose root is `root`? */
export function verifyInclusion(leaf: Hex, index: number, size: number, proof: readonly Hex[], root: Hex): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!HEX64.test(leaf) || !HEX64.test(root) || !isHashList(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}

/** RFC 9162 2.1.4.2: is the tree (oldSize, oldRoot) a prefix of the tree (newSize, newRoot)? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Hex[],
  oldRoot: Hex,
  newRoot: Hex,
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize)
    return false;
  if (!HEX64.test(oldRoot) || !HEX64.test(newRoot) || !isHashList(proof)) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot === newRoot;
  if (oldSize === 0) return proof.length === 0 && oldRoot === EMPTY_ROOT;
  if (proof.length === 0) return false;
  const path = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [start, ...rest] = path;
  if (start === undefined) return false;
  let fr = start;
  let sr = start;
  for (const c of rest) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr === oldRoot && sr === newRoot && sn === 0;
}

/**
 * The right edge of a tree: the roots of its perfect subtrees, largest first (one per set bit of
 * the size). Enough to append leaves and compute the new root without reading old leaves, which
 * is what lets the sealer extend a tree of millions of entries in O(batch · log n).
 */
export interface Frontier {
  size: number;
  hashes: Hex[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

function bitsOf(size: number): number[] {
  const bits: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(size, 1))); bit >= 1; bit /= 2)
    if (Math.floor(size / bit) % 2 === 1) bits.push(bit);
  return bits;
}

export function appendToFrontier(frontier: Frontier, leaves: readonly Hex[]): Frontier {
  const bits = bitsOf(frontier.size);
  if (frontier.hashes.length !== bits.length) throw new Error('frontier does not match its size');
  const stack = frontier.hashes.map((hash, i) => ({ size: bits[i]!, hash })); // same length, checked above
  for (const leaf of leaves) {
    stack.push({ size: 1, hash: leaf });
    while (stack.length >= 2 && stack.at(-1)?.size === stack.at(-2)?.size) {
      const right = stack.pop()!;
      const left = stack.pop()!;
      stack.push({ size: left.size * 2, hash: nodeHash(left.hash, right.hash) });
    }
  }
  return { size: frontier.size + leaves.length, hashes: stack.map((s) => s.hash) };
}

export function frontierRoot(frontier: Frontier): Hex {
  const last = frontier.hashes.at(-1);
  if (last === undefined) return EMPTY_ROOT;
  return frontier.hashes.slice(0, -1).reduceRight((acc, hash) => nodeHash(hash, acc), last);
}
