/**
 * The chunk ids of a RIFF/WebP file ("VP8 ", "VP8X", "EXIF", "XMP ", "ICCP", …). A working copy
 * must carry no "EXIF" or "XMP " chunk (photo metadata: GPS, device); file-processing checks
 * every thumbnail it writes with this, and the tests check the served bytes.
 */
export const METADATA_CHUNKS: readonly string[] = ['EXIF', 'XMP '];

export function webpChunkIds(bytes: Uint8Array): string[] | null {
  const ascii = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WEBP') return null;
  const ids: string[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    ids.push(ascii(at));
    const size = bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24);
    at += 8 + size + (size % 2);
  }
  return ids;
}

export function webpCarriesMetadata(bytes: Uint8Array): boolean {
  const ids = webpChunkIds(bytes);
  return ids === null || ids.some((id) => METADATA_CHUNKS.includes(id));
}
