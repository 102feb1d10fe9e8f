/**
 * Whether an evidence upload is accepted: the content type comes from the bytes (sniffed), must
 * agree with what the client declared, must be allowed for the evidence kind, and the size must
 * be within the kind's limit. The caller streams the upload, hashes it and passes its first
 * bytes; nothing here needs the whole file in memory.
 */
import type { EvidenceKind } from '../vocabulary.ts';
import { sanitiseFileName, SUSPICIOUS_FILE_NAME_FINDINGS, type FileNameFinding } from './file-name.ts';
import { sniffContentType, type SniffedType } from './sniff-content-type.ts';

const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'] as const;
const VIDEOS = ['video/mp4', 'video/webm', 'video/quicktime', 'video/x-matroska'] as const;

/**
 * What each kind of evidence may be. Kept narrow: every type here is one the service can hash, preview and preserve.
 */
export const ALLOWED_CONTENT_TYPES: Readonly<Record<EvidenceKind, readonly SniffedType[]>> = {
  video: VIDEOS,
  photo: [...IMAGES, 'image/gif'],
  satellite: [...IMAGES, 'application/pdf'],
  article: ['text/html', 'application/pdf', 'text/plain', 'image/jpeg', 'image/png', 'image/webp', 'message/rfc822'],
  testimony: ['text/plain', 'application/pdf', 'message/rfc822', ...VIDEOS],
  social_post: [...IMAGES, 'image/gif', ...VIDEOS, 'text/html', 'text/plain'],
  official_statement: ['application/pdf', 'text/plain', 'text/html', 'image/jpeg', 'image/png', 'message/rfc822'],
};

const MiB = 1024 * 1024;
export const MAX_SIZE_BYTES: Readonly<Record<EvidenceKind, number>> = {
  video: 4096 * MiB,
  photo: 100 * MiB,
  satellite: 1024 * MiB,
  article: 100 * MiB,
  testimony: 2048 * MiB,
  social_post: 2048 * MiB,
  official_statement: 100 * MiB,
};

/** Declared types that say "I don't know": the sniffed type is used without a mismatch. */
const UNINFORMATIVE_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** Common non-canonical spellings clients send for the same format. */
const TYPE_ALIASES: Readonly<Record<string, SniffedType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/tif': 'image/tiff',
  'application/x-pdf': 'application/pdf',
  'video/x-m4v': 'video/mp4',
  'video/mkv': 'video/x-matroska',
  'application/xhtml+xml': 'text/html',
  'text/x-eml': 'message/rfc822',
};

/** Text formats differ only by interpretation, so one may be declared as another. */
const TEXT_TYPES = new Set<SniffedType>(['text/plain', 'text/html', 'message/rfc822']);

export type UploadRejection =
  | { code: 'empty_file'; message: string }
  | { code: 'too_large'; message: string; sizeBytes: number; maxBytes: number }
  | { code: 'unrecognised_content'; message: string }
  | { code: 'type_mismatch'; message: string; declared: string; detected: SniffedType }
  | { code: 'type_not_allowed'; message: string; detected: SniffedType; kind: EvidenceKind }
  | { code: 'unsafe_file_name'; message: string; findings: FileNameFinding[] };

export interface UploadCandidate {
  kind: EvidenceKind;
  /** Content-Type the client sent (may be empty). */
  declaredType: string;
  fileName: string;
  sizeBytes: number;
  /** The first bytes of the file (at least SNIFF_BYTES when the file is that long). */
  head: Uint8Array;
}

export interface UploadPolicy {
  /** 'reject' (default): a crafted-looking name refuses the upload. 'rename': accept under the sanitised name. */
  unsafeNames: 'reject' | 'rename';
}

export type UploadDecision =
  | { ok: true; contentType: SniffedType; displayName: string; fileNameFindings: FileNameFinding[] }
  | { ok: false; rejections: UploadRejection[]; displayName: string };

export function normaliseDeclaredType(declared: string): string {
  const base = declared.split(';')[0]!.trim().toLowerCase();
  return TYPE_ALIASES[base] ?? base;
}

function compatible(declared: string, detected: SniffedType): boolean {
  if (UNINFORMATIVE_TYPES.has(declared)) return true;
  if (declared === detected) return true;
  return TEXT_TYPES.has(detected) && TEXT_TYPES.has(declared as SniffedType);
}

/** Every reason to refuse, not just the first, so the uploader can fix everything at once. */
export function checkUpload(
  candidate: UploadCandidate,
  policy: UploadPolicy = { unsafeNames: 'reject' },
): UploadDecision {
  const rejections: UploadRejection[] = [];
  const { displayName, findings } = sanitiseFileName(candidate.fileName);

  const suspicious = findings.filter((f) => SUSPICIOUS_FILE_NAME_FINDINGS.has(f));
  if (suspicious.length > 0 && policy.unsafeNames === 'reject') {
    rejections.push({
      code: 'unsafe_file_name',
      message: `The file name looks crafted (${suspicious.join(', ')}); rename the file and upload again`,
      findings: suspicious,
    });
  }

  if (candidate.sizeBytes === 0 || candidate.head.length === 0) {
    rejections.push({ code: 'empty_file', message: 'The file is empty' });
    return { ok: false, rejections, displayName };
  }
  const maxBytes = MAX_SIZE_BYTES[candidate.kind];
  if (candidate.sizeBytes > maxBytes) {
    rejections.push({
      code: 'too_large',
      message: `The file is ${candidate.sizeBytes} bytes; ${candidate.kind} evidence may be at most ${maxBytes} bytes`,
      sizeBytes: candidate.sizeBytes,
      maxBytes,
    });
  }

  const detected = sniffContentType(candidate.head, candidate.sizeBytes);
  if (!detected) {
    rejections.push({ code: 'unrecognised_content', message: 'The content is not a recognised format' });
    return { ok: false, rejections, displayName };
  }
  const declared = normaliseDeclaredType(candidate.declaredType);
  if (!compatible(declared, detected)) {
    rejections.push({
      code: 'type_mismatch',
      message: `Declared as ${declared} but the content is ${detected}`,
      declared,
      detected,
    });
  }
  // Text is stored under what was declared (a text/plain capture stays plain); everything else under the sniffed type.
  const contentType =
    TEXT_TYPES.has(detected) && TEXT_TYPES.has(declared as SniffedType) ? (declared as SniffedType) : detected;
  if (!ALLOWED_CONTENT_TYPES[candidate.kind].includes(contentType)) {
    rejections.push({
      code: 'type_not_allowed',
      message: `${contentType} is not accepted as ${candidate.kind} evidence`,
      detected: contentType,
      kind: candidate.kind,
    });
  }
  if (rejections.length > 0) return { ok: false, rejections, displayName };
  return { ok: true, contentType, displayName, fileNameFindings: findings };
}

/** File-name endings browsers may leave without a type, read as the type they almost always are. */
const TYPE_OF_EXTENSION: Readonly<Record<string, SniffedType>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  gif: 'image/gif',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  pdf: 'application/pdf',
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  eml: 'message/rfc822',
};

/** For a file, the kind a person most likely means, first to last: a PDF is a document, a web page an article. */
const KIND_PREFERENCE: readonly EvidenceKind[] = ['photo', 'video', 'article'];
const DOCUMENT_PREFERENCE: readonly EvidenceKind[] = ['official_statement'];

/**
 * The evidence kind a chosen file fits: the current kind when it accepts the file (a satellite image stays one),
 * else the first of photo, video and article (web pages, e-mails, text) that does, a PDF being an official
 * statement (a document); null when no kind accepts it. The server still sniffs the bytes: this only spares a person a refusal.
 */
export function kindForFile(
  file: { type: string; name: string },
  current: EvidenceKind,
): { kind: EvidenceKind; contentType: SniffedType } | null {
  const declared = normaliseDeclaredType(file.type);
  const byName = TYPE_OF_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''];
  const type = (UNINFORMATIVE_TYPES.has(declared) ? byName : (declared as SniffedType)) ?? null;
  if (!type) return null;
  const preference = type === 'application/pdf' ? [...DOCUMENT_PREFERENCE, ...KIND_PREFERENCE] : KIND_PREFERENCE;
  for (const kind of [current, ...preference])
    if (ALLOWED_CONTENT_TYPES[kind].includes(type)) return { kind, contentType: type };
  return null;
}
