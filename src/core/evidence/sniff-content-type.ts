/**
 * Content sniffing from magic bytes. The declared type of an upload is never trusted: what the
 * bytes are decides how the file is stored and served (an "image" that is really HTML must not
 * reach a browser as HTML). Works on the first bytes of a file (4 KiB is plenty).
 */

export const SNIFFED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/avif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/x-matroska',
  'text/plain',
  'text/html',
  'message/rfc822',
  // Recognised so rejections can say what the file really is.
  'application/zip',
  'application/x-msdownload',
  'application/x-elf',
  'application/x-sh',
] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

/** How many leading bytes the sniffer wants. */
export const SNIFF_BYTES = 4096;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function asciiAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit: number): number {
  const n = ascii(needle);
  const end = Math.min(bytes.length, limit) - n.length;
  for (let i = 0; i <= end; i++) if (startsWith(bytes, n, i)) return i;
  return -1;
}

const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1']);

/** ISO base media file format (MP4, MOV, HEIF): a box of type 'ftyp' first, major brand after it. */
function sniffIsoBmff(bytes: Uint8Array): SniffedType | null {
  if (!startsWith(bytes, ascii('ftyp'), 4)) return null;
  const brand = asciiAt(bytes, 8, 4);
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (IMAGE_BRANDS.has(brand)) return 'image/heic';
  return 'video/mp4';
}

/** Matroska/WebM: EBML header; the DocType element says which. */
function sniffMatroska(bytes: Uint8Array): SniffedType | null {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  // DocType element id 0x4282, then a size byte, then the doc type string.
  const limit = Math.min(bytes.length, 64);
  for (let i = 4; i + 3 < limit; i++) {
    if (bytes[i] === 0x42 && bytes[i + 1] === 0x82) {
      const docType = asciiAt(bytes, i + 3, 4);
      return docType === 'webm' ? 'video/webm' : 'video/x-matroska';
    }
  }
  return 'video/x-matroska';
}

/**
 * Valid UTF-8 without NUL or other binary control characters. When `truncated`, an incomplete
 * multi-byte sequence at the very end is allowed (the head was cut mid-character).
 */
export function isUtf8Text(bytes: Uint8Array, truncated = false): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      // Tab, LF, FF, CR and ESC-free text only; other C0 controls mean binary.
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
      if (b === 0x7f) return false;
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    if (i + need >= bytes.length) {
      // The sequence runs past the end: fine only when the head was cut from a longer file.
      if (!truncated) return false;
      for (let k = i + 1; k < bytes.length; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!; // in range: a sequence running past the end was handled above
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += need + 1;
  }
  return true;
}

const EMAIL_HEADERS = /^(received|return-path|from|to|subject|date|message-id|mime-version|delivered-to|x-[a-z-]+):/i;

function sniffText(bytes: Uint8Array, truncated: boolean): SniffedType | null {
  if (bytes.length === 0 || !isUtf8Text(bytes, truncated)) return null;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  const start = head.trimStart().toLowerCase();
  if (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body)[\s>]/.test(start)
  )
    return 'text/html';
  if (start.startsWith('#!')) return 'application/x-sh';
  // An email begins with header lines; require two known headers before the first blank line.
  const headerBlock = head.split(/\r?\n\r?\n/)[0]!.split(/\r?\n/);
  if (
    headerBlock.filter((line) => EMAIL_HEADERS.test(line)).length >= 2 &&
    /^[\x21-\x39\x3b-\x7e]+:/.test(headerBlock[0]!)
  )
    return 'message/rfc822';
  return 'text/plain';
}

/**
 * What the bytes are, or null when unrecognised. `totalSize` (when the head is a prefix of a
 * larger file) lets the text check forgive a character cut at the end of the head.
 */
export function sniffContentType(head: Uint8Array, totalSize: number = head.length): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  // PDF readers accept the header anywhere in the first KiB; so do we.
  const pdf = indexOfAscii(head, '%PDF-', 1024);
  if (pdf === 0 || (pdf > 0 && !isUtf8Text(head.subarray(0, pdf)))) return 'application/pdf';
  const iso = sniffIsoBmff(head);
  if (iso) return iso;
  const mkv = sniffMatroska(head);
  if (mkv) return mkv;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  // "MZ" may also begin a text file; a real executable has NUL bytes in its header.
  if (startsWith(head, ascii('MZ')) && !isUtf8Text(head, true)) return 'application/x-msdownload';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-elf';
  return sniffText(head, totalSize > head.length);
}
