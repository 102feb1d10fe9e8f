/**
 * What the server learns from an accepted evidence file: EXIF/metadata (exifr), a perceptual hash
 * of images (decoded to grey pixels with sharp → core perceptualHash) and a thumbnail working copy
 * (sharp; re-encoded without metadata, checked by core webpCarriesMetadata, so a working copy never leaks
 * GPS or device). The original bytes are never altered.
 */
import exifr from 'exifr';
import sharp from 'sharp';
import { perceptualHash } from '../../core/evidence/perceptual-hash.ts';
import { webpCarriesMetadata } from '../../core/evidence/webp-chunks.ts';
import type { SniffedType } from '../../core/evidence/sniff-content-type.ts';
import type { EvidenceMetadata } from '../../db/repositories/monitoring/evidence.repository.ts';

const DECODABLE: ReadonlySet<SniffedType> = new Set<SniffedType>([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/gif',
  'image/avif',
  'image/heic',
]);
const EXIF_TYPES: ReadonlySet<SniffedType> = new Set<SniffedType>([
  'image/jpeg',
  'image/tiff',
  'image/heic',
  'image/avif',
  'image/png',
  'image/webp',
]);

/** EXIF fields kept (a bounded, reviewable set rather than every tag a camera writes). */
const KEPT_TAGS = [
  'Make',
  'Model',
  'Software',
  'DateTimeOriginal',
  'CreateDate',
  'ModifyDate',
  'OffsetTimeOriginal',
  'latitude',
  'longitude',
  'GPSAltitude',
  'ExifImageWidth',
  'ExifImageHeight',
  'Orientation',
] as const;

export interface ProcessedFile {
  metadata: EvidenceMetadata;
  /** From EXIF GPS, when present: [lon, lat]. Still only a claim. */
  gpsPoint: [number, number] | null;
  perceptualHash: string | null;
  thumbnail: Buffer | null;
}

const THUMBNAIL_SIZE = 320;
/** Decoding for the hash works on a reduced copy: dHash only looks at a 9×8 grid. */
const HASH_DECODE_SIZE = 256;

async function readExif(bytes: Uint8Array): Promise<{ metadata: EvidenceMetadata; gpsPoint: [number, number] | null }> {
  const metadata: EvidenceMetadata = {};
  let gpsPoint: [number, number] | null = null;
  try {
    const raw = (await exifr.parse(Buffer.from(bytes), {
      tiff: true,
      exif: true,
      gps: true,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
    })) as Record<string, unknown> | undefined;
    if (!raw) return { metadata, gpsPoint };
    for (const tag of KEPT_TAGS) {
      const v = raw[tag];
      if (v instanceof Date) metadata[tag] = Number.isNaN(v.getTime()) ? null : v.toISOString();
      else if (typeof v === 'string') metadata[tag] = v.slice(0, 200);
      else if (typeof v === 'number' && Number.isFinite(v)) metadata[tag] = v;
    }
    const lat = raw.latitude;
    const lon = raw.longitude;
    if (
      typeof lat === 'number' &&
      typeof lon === 'number' &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180 &&
      !(lat === 0 && lon === 0)
    )
      gpsPoint = [lon, lat];
  } catch {
    metadata.metadataError = 'unreadable EXIF';
  }
  return { metadata, gpsPoint };
}

export async function processFile(bytes: Uint8Array, contentType: SniffedType): Promise<ProcessedFile> {
  const { metadata, gpsPoint } = EXIF_TYPES.has(contentType) ? await readExif(bytes) : { metadata: {}, gpsPoint: null };
  if (!DECODABLE.has(contentType)) return { metadata, gpsPoint, perceptualHash: null, thumbnail: null };
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(HASH_DECODE_SIZE, HASH_DECODE_SIZE, { fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grey =
      info.channels === 1 ? new Uint8Array(data) : new Uint8Array(data.filter((_, i) => i % info.channels === 0));
    const hash = perceptualHash(grey, info.width, info.height);
    // Re-encoded from pixels: sharp writes no EXIF/XMP/ICC unless asked to (keepMetadata/withMetadata, never called
    // here);
    // orientation is applied first (rotate) so nothing of the original's metadata is needed. Checked, not assumed.
    const thumbnail = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    if (webpCarriesMetadata(thumbnail)) throw new Error('the working copy still carries metadata');
    return { metadata, gpsPoint, perceptualHash: hash, thumbnail };
  } catch {
    // The bytes carry an image signature but do not decode: keep the original, note it, no working copy.
    metadata.decodeError = 'the image could not be decoded';
    return { metadata, gpsPoint, perceptualHash: null, thumbnail: null };
  }
}
