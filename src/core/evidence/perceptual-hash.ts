/**
 * Perceptual hashes for near-duplicate images (a re-encoded or resized re-post of the same
 * photo or video frame). dHash: shrink to 9×8 grey cells by area averaging and record whether
 * each cell is brighter than its right neighbour. It survives re-compression, resizing and
 * uniform brightness changes; unrelated pictures differ in about half of the 64 bits.
 * Decoding happens in the service (sharp); this takes an 8-bit grayscale buffer, row-major.
 */

export const PERCEPTUAL_HASH_BITS = 64;
/** At or below this Hamming distance two images are treated as near-duplicates (common choice for dHash). */
export const NEAR_DUPLICATE_MAX_DISTANCE = 10;

/** Mean of each cell of a cols×rows grid laid over the image (box filter; every pixel counted with its overlap). */
function shrink(gray: Uint8Array, width: number, height: number, cols: number, rows: number): Float64Array {
  const out = new Float64Array(cols * rows);
  const cellW = width / cols;
  const cellH = height / rows;
  for (let r = 0; r < rows; r++) {
    const y0 = r * cellH;
    const y1 = y0 + cellH;
    for (let c = 0; c < cols; c++) {
      const x0 = c * cellW;
      const x1 = x0 + cellW;
      let sum = 0;
      let weight = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        const row = y * width;
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
          sum += gray[row + x]! * w;
          weight += w;
        }
      }
      out[r * cols + c] = sum / weight;
    }
  }
  return out;
}

/**
 * 64-bit dHash as 16 lowercase hex digits. Throws on a buffer that does not match its dimensions (a programming
 * error).
 */
export function perceptualHash(gray: Uint8Array, width: number, height: number): string {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError('width and height must be positive integers');
  if (gray.length !== width * height)
    throw new RangeError(`expected ${width * height} grey pixels, got ${gray.length}`);
  const cells = shrink(gray, width, height, 9, 8);
  let hash = 0n;
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) {
      hash = (hash << 1n) | (cells[r * 9 + c]! > cells[r * 9 + c + 1]! ? 1n : 0n);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

/** Convert RGB(A) pixels to grey (ITU-R BT.601 luma) for callers that only have colour buffers. */
export function toGray(pixels: Uint8Array, channels: 3 | 4): Uint8Array {
  const n = Math.floor(pixels.length / channels);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * channels;
    out[i] = Math.round(0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!);
  }
  return out;
}

const HEX64 = /^[0-9a-f]{16}$/i;

export function hammingDistance(a: string, b: string): number {
  if (!HEX64.test(a) || !HEX64.test(b)) throw new RangeError('perceptual hashes are 16 hex digits');
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    x &= x - 1n;
    count++;
  }
  return count;
}

export function isNearDuplicate(a: string, b: string, maxDistance: number = NEAR_DUPLICATE_MAX_DISTANCE): boolean {
  return hammingDistance(a, b) <= maxDistance;
}
