/**
 * Turns an uploaded file name into a safe display name. The name is only ever displayed (the
 * stored key is the SHA-256), but it is shown to analysts, put in Content-Disposition headers
 * and in export archives, so anything that could hide an extension, escape a directory or
 * confuse Windows is removed, and each change is reported as a finding.
 */

export const FILE_NAME_FINDINGS = [
  'path_traversal',
  'path_components',
  'nul_byte',
  'control_characters',
  'bidi_control',
  'invisible_characters',
  'reserved_name',
  'forbidden_characters',
  'leading_or_trailing_dots',
  'truncated',
  'empty_name',
] as const;
export type FileNameFinding = (typeof FILE_NAME_FINDINGS)[number];

/** Findings that suggest someone crafted the name to deceive or attack, not just sloppiness. */
export const SUSPICIOUS_FILE_NAME_FINDINGS: ReadonlySet<FileNameFinding> = new Set<FileNameFinding>([
  'path_traversal',
  'nul_byte',
  'control_characters',
  'bidi_control',
  'reserved_name',
]);

export interface SanitisedFileName {
  displayName: string;
  findings: FileNameFinding[];
}

/** Longest display name in UTF-8 bytes: under the 255-byte limit of common file systems, with room for a suffix. */
export const MAX_FILE_NAME_BYTES = 200;
const FALLBACK_NAME = 'unnamed';

// Bidirectional controls can make "gnp.exe" display as "exe.png" (U+202E RIGHT-TO-LEFT OVERRIDE).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u001F\u007F-\u009F]/g;
const FORBIDDEN = /[<>:"|?*]/g;
// Windows device names, with or without an extension ("CON", "con.txt", "COM1.jpg").
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Cuts to at most `maxBytes` of UTF-8 without splitting a character, keeping a short extension. */
function truncate(name: string, maxBytes: number): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  const budget = maxBytes - utf8Length(extension);
  let out = '';
  let used = 0;
  for (const ch of stem) {
    const size = utf8Length(ch);
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return out + extension;
}

export function sanitiseFileName(raw: string): SanitisedFileName {
  const findings = new Set<FileNameFinding>();
  let name = raw.normalize('NFC');

  if (name.includes('\u0000')) {
    findings.add('nul_byte');
    // "evil.php\0.jpg": C-based tools stop at the NUL. Removing it shows the whole name.
    name = name.replaceAll('\u0000', '');
  }
  if (name.search(CONTROL) >= 0) findings.add('control_characters');
  name = name.replace(CONTROL, '');
  if (name.search(BIDI) >= 0) findings.add('bidi_control');
  name = name.replace(BIDI, '');
  if (name.search(INVISIBLE) >= 0) findings.add('invisible_characters');
  name = name.replace(INVISIBLE, '');

  const segments = name.split(/[/\\]+/);
  if (segments.some((s) => s === '..' || s === '.')) findings.add('path_traversal');
  if (segments.length > 1) findings.add('path_components');
  name = segments.filter((s) => s !== '' && s !== '.' && s !== '..').pop() ?? '';

  if (name.search(FORBIDDEN) >= 0) findings.add('forbidden_characters');
  name = name.replace(FORBIDDEN, '_');

  // Leading dots hide files on Unix; trailing dots and spaces are silently dropped by Windows.
  const trimmed = name
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (trimmed !== name.trim()) findings.add('leading_or_trailing_dots');
  name = trimmed;

  if (RESERVED.test(name)) {
    findings.add('reserved_name');
    name = `_${name}`;
  }
  if (utf8Length(name) > MAX_FILE_NAME_BYTES) {
    findings.add('truncated');
    name = truncate(name, MAX_FILE_NAME_BYTES);
  }
  if (name === '') {
    findings.add('empty_name');
    name = FALLBACK_NAME;
  }
  return { displayName: name, findings: FILE_NAME_FINDINGS.filter((f) => findings.has(f)) };
}
