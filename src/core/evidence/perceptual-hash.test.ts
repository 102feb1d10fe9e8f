import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { hammingDistance, isNearDuplicate, perceptualHash, toGray } from './perceptual-hash.ts';

const W = 64;
const H = 48;

/** A synthetic "photo": a few soft blobs and a horizon on a gradient, from a seed. */
function scene(seed: number): Uint8Array {
  const rng = createRng(seed);
  const blobs = Array.from({ length: 5 }, () => ({
    x: rng.next() * W,
    y: rng.next() * H,
    r: 5 + rng.next() * 12,
    v: rng.next() * 160 - 80,
  }));
  const horizon = H * (0.3 + rng.next() * 0.4);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = 60 + (x / W) * 60 + (y > horizon ? 50 : 0);
      for (const b of blobs) v += b.v * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
      out[y * W + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return out;
}

describe('perceptualHash', () => {
  it('is 16 hex digits and deterministic', () => {
    const h = perceptualHash(scene(1), W, H);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualHash(scene(1), W, H)).toBe(h);
  });

  it('stays close for a slightly brightened copy with noise', () => {
    const img = scene(2);
    const rng = createRng(99);
    const brighter = img.map((v) => Math.min(255, v + 20 + rng.int(5)));
    const d = hammingDistance(perceptualHash(img, W, H), perceptualHash(brighter, W, H));
    expect(d).toBeLessThanOrEqual(6);
    expect(isNearDuplicate(perceptualHash(img, W, H), perceptualHash(brighter, W, H))).toBe(true);
  });

  it('stays close for a downscaled copy (re-posts are often resized)', () => {
    const img = scene(3);
    const half = new Uint8Array((W / 2) * (H / 2));
    for (let y = 0; y < H / 2; y++)
      for (let x = 0; x < W / 2; x++) {
        half[y * (W / 2) + x] =
          (img[2 * y * W + 2 * x]! +
            img[2 * y * W + 2 * x + 1]! +
            img[(2 * y + 1) * W + 2 * x]! +
            img[(2 * y + 1) * W + 2 * x + 1]!) /
          4;
      }
    expect(hammingDistance(perceptualHash(img, W, H), perceptualHash(half, W / 2, H / 2))).toBeLessThanOrEqual(6);
  });

  it('is far for different images', () => {
    const hashes = [4, 5, 6, 7, 8].map((s) => perceptualHash(scene(s), W, H));
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) {
        expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(12);
        expect(isNearDuplicate(hashes[i]!, hashes[j]!)).toBe(false);
      }
  });

  it('handles images smaller than the 9×8 grid and rejects wrong buffers', () => {
    expect(perceptualHash(Uint8Array.from([0, 50, 100, 150, 200, 250]), 3, 2)).toMatch(/^[0-9a-f]{16}$/);
    expect(() => perceptualHash(new Uint8Array(10), 4, 4)).toThrow(RangeError);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(RangeError);
  });

  it('computes Hamming distance and converts colour to grey', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000000', '0000000000000101')).toBe(2);
    expect([...toGray(Uint8Array.from([255, 255, 255, 0, 0, 0, 255, 0, 0]), 3)]).toEqual([255, 0, 76]);
  });
});
