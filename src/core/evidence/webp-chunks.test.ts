import { describe, expect, it } from 'vitest';
import { webpChunkIds, webpCarriesMetadata } from './webp-chunks.ts';

const chunk = (id: string, body: number[]) => [
  ...Buffer.from(id),
  body.length,
  0,
  0,
  0,
  ...body,
  ...(body.length % 2 ? [0] : []),
];
const riff = (...chunks: number[][]) => {
  const body = [...Buffer.from('WEBP'), ...chunks.flat()];
  return new Uint8Array([...Buffer.from('RIFF'), body.length & 255, (body.length >> 8) & 255, 0, 0, ...body]);
};

describe('webp chunks', () => {
  it('lists chunk ids and flags EXIF or XMP', () => {
    const plain = riff(chunk('VP8 ', [1, 2, 3]));
    expect(webpChunkIds(plain)).toEqual(['VP8 ']);
    expect(webpCarriesMetadata(plain)).toBe(false);
    expect(webpCarriesMetadata(riff(chunk('VP8X', [0, 0]), chunk('VP8 ', [1]), chunk('EXIF', [9, 9])))).toBe(true);
    expect(webpCarriesMetadata(riff(chunk('XMP ', [1])))).toBe(true);
  });
  it('treats bytes that are not WebP as carrying metadata (refuse rather than guess)', () => {
    expect(webpChunkIds(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
    expect(webpCarriesMetadata(new Uint8Array([0xff, 0xd8, 0xff]))).toBe(true);
  });
});
