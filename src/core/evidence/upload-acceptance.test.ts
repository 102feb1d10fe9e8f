import { describe, expect, it } from 'vitest';
import { checkUpload, kindForFile, normaliseDeclaredType, type UploadCandidate } from './upload-acceptance.ts';
import { isUtf8Text, sniffContentType } from './sniff-content-type.ts';
import { sanitiseFileName, MAX_FILE_NAME_BYTES } from './file-name.ts';
import { createSha256Stream, duplicateKey, originalStorageKey, sha256Hex } from './sha256.ts';

const enc = new TextEncoder();
function bytes(...parts: (number[] | string)[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));
}
const pad = (n: number) => new Array<number>(n).fill(0);

// Minimal headers of each format, built here rather than stored as fixture files.
const FIXTURES = {
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', pad(8)),
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], pad(8)),
  'image/gif': bytes('GIF89a', pad(8)),
  'image/webp': bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ', pad(8)),
  'image/tiff': bytes([0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0], pad(8)),
  'application/pdf': bytes('%PDF-1.7\n%\xe2\xe3\n1 0 obj'),
  'video/mp4': bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'),
  'video/quicktime': bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0], 'qt  '),
  'video/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', pad(8)),
  'video/x-matroska': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska', pad(8)),
  'text/plain': bytes('Ngày 14/3: 200 người rời khỏi khu Kim Sun.\n中文 ok\r\n'),
  'text/html': bytes('  <!DOCTYPE html><html><head><title>Raid</title></head></html>'),
  'message/rfc822': bytes('Received: from mx\r\nFrom: a@example.org\r\nSubject: statement\r\n\r\nBody'),
  'application/zip': bytes([0x50, 0x4b, 0x03, 0x04], pad(20)),
  'application/x-msdownload': bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]),
  'application/x-elf': bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
} as const;

describe('sha256', () => {
  it('matches the FIPS 180-2 vector for "abc" and the empty string', () => {
    expect(sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes streamed chunks the same as the whole', () => {
    const s = createSha256Stream();
    s.update(enc.encode('a'));
    s.update(enc.encode('bc'));
    expect(s.digestHex()).toBe(sha256Hex(enc.encode('abc')));
  });

  it('same bytes → same key, different bytes → different key, never from the name', () => {
    const a = enc.encode('video bytes');
    expect(duplicateKey(a)).toBe(duplicateKey(Uint8Array.from(a)));
    expect(duplicateKey(a)).not.toBe(duplicateKey(enc.encode('video bytez')));
    expect(duplicateKey(a)).toMatch(/^originals\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(() => originalStorageKey('../../etc/passwd')).toThrow(RangeError);
  });
});

describe('sniffContentType', () => {
  it.each(Object.entries(FIXTURES))('detects %s', (type, head) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it('finds HTML behind a leading comment and calls SVG plain text (never an image)', () => {
    expect(sniffContentType(bytes('<!-- saved from url=(0042)https://example.org -->\n<!DOCTYPE html><html>'))).toBe(
      'text/html',
    );
    expect(sniffContentType(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe(
      'text/plain',
    );
  });

  it('returns null for unknown binary and for empty input', () => {
    expect(sniffContentType(bytes([0x00, 0x01, 0x02, 0x03, 0xfe]))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });

  it('does not call text starting with "MZ" an executable, nor text mentioning %PDF- a PDF', () => {
    expect(sniffContentType(bytes('MZ Park was raided on Monday.'))).toBe('text/plain');
    expect(sniffContentType(bytes('Notes: the file started with %PDF-1.4'))).toBe('text/plain');
  });

  it('validates UTF-8 strictly but forgives a character cut at the end of a head', () => {
    const cut = enc.encode('ភ្នំពេញ').subarray(0, 4);
    expect(isUtf8Text(cut)).toBe(false);
    expect(isUtf8Text(cut, true)).toBe(true);
    expect(sniffContentType(cut, 1000)).toBe('text/plain');
    expect(isUtf8Text(bytes([0xc0, 0xaf]))).toBe(false); // overlong "/"
    expect(isUtf8Text(bytes([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
    expect(isUtf8Text(bytes('a\u0000b'))).toBe(false);
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd', ['path_traversal', 'path_components']],
    ['..\\..\\windows\\win.ini', 'win.ini', ['path_traversal', 'path_components']],
    ['a\u202Egnp.exe', 'agnp.exe', ['bidi_control']],
    ['CON', '_CON', ['reserved_name']],
    ['com1.jpg', '_com1.jpg', ['reserved_name']],
    ['evil.php\u0000.jpg', 'evil.php.jpg', ['nul_byte']],
    ['bell\u0007.png', 'bell.png', ['control_characters']],
    ['what?.png', 'what_.png', ['forbidden_characters']],
    ['.hidden', 'hidden', ['leading_or_trailing_dots']],
    ['report.pdf. . ', 'report.pdf', ['leading_or_trailing_dots']],
    ['zero\u200Bwidth.jpg', 'zerowidth.jpg', ['invisible_characters']],
    ['', 'unnamed', ['empty_name']],
    ['..', 'unnamed', ['path_traversal', 'empty_name']],
    ['Video raid 2026-03-14.mp4', 'Video raid 2026-03-14.mp4', []],
    ['ការវាយឆ្មក់.jpg', 'ការវាយឆ្មក់.jpg', []],
  ])('%j → %j', (raw, name, findings) => {
    const result = sanitiseFileName(raw);
    expect(result.displayName).toBe(name);
    expect(result.findings).toEqual(findings);
  });

  it('truncates over-long names within the byte limit, keeping the extension and whole characters', () => {
    const result = sanitiseFileName(`${'柬'.repeat(300)}.mp4`);
    expect(result.findings).toContain('truncated');
    expect(result.displayName.endsWith('.mp4')).toBe(true);
    expect(enc.encode(result.displayName).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(result.displayName).not.toContain('\uFFFD');
  });
});

describe('checkUpload', () => {
  const ok = (over: Partial<UploadCandidate> = {}): UploadCandidate => ({
    kind: 'photo',
    declaredType: 'image/jpeg',
    fileName: 'raid.jpg',
    sizeBytes: 5000,
    head: FIXTURES['image/jpeg'],
    ...over,
  });

  it('accepts a matching, allowed, reasonably sized file and reports the sniffed type', () => {
    expect(checkUpload(ok())).toEqual({
      ok: true,
      contentType: 'image/jpeg',
      displayName: 'raid.jpg',
      fileNameFindings: [],
    });
    expect(checkUpload(ok({ declaredType: 'image/JPG; charset=binary' }))).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    expect(checkUpload(ok({ declaredType: 'application/octet-stream' }))).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    expect(checkUpload(ok({ kind: 'video', declaredType: 'video/mp4', head: FIXTURES['video/mp4'] }))).toMatchObject({
      ok: true,
    });
  });

  const codes = (c: UploadCandidate) => {
    const d = checkUpload(c);
    return d.ok ? [] : d.rejections.map((r) => r.code);
  };

  it('rejects content that does not match the declared type', () => {
    expect(codes(ok({ declaredType: 'image/png' }))).toEqual(['type_mismatch']);
    // HTML dressed up as an image: the classic stored-XSS upload.
    expect(codes(ok({ head: FIXTURES['text/html'] }))).toEqual(['type_mismatch', 'type_not_allowed']);
  });

  it('rejects an SVG declared as an image (scripts inside SVG run in browsers)', () => {
    expect(
      codes(ok({ declaredType: 'image/svg+xml', head: bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>') })),
    ).toEqual(['type_mismatch', 'type_not_allowed']);
  });

  it('rejects types not allowed for the kind, executables and unknown content', () => {
    expect(codes(ok({ kind: 'video', declaredType: 'application/pdf', head: FIXTURES['application/pdf'] }))).toEqual([
      'type_not_allowed',
    ]);
    expect(codes(ok({ declaredType: '', head: FIXTURES['application/x-msdownload'] }))).toEqual(['type_not_allowed']);
    expect(codes(ok({ head: bytes([1, 2, 3, 4, 0xfe]) }))).toEqual(['unrecognised_content']);
  });

  it('lets text formats stand in for each other and stores the declared one', () => {
    const d = checkUpload(ok({ kind: 'article', declaredType: 'text/plain', head: FIXTURES['text/html'] }));
    expect(d).toMatchObject({ ok: true, contentType: 'text/plain' });
    expect(codes(ok({ kind: 'testimony', declaredType: 'text/html', head: FIXTURES['text/plain'] }))).toEqual([
      'type_not_allowed',
    ]);
  });

  it('rejects empty and oversized files', () => {
    expect(codes(ok({ sizeBytes: 0, head: new Uint8Array() }))).toEqual(['empty_file']);
    const big = checkUpload(ok({ sizeBytes: 101 * 1024 * 1024 }));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.rejections[0]).toMatchObject({ code: 'too_large', maxBytes: 100 * 1024 * 1024 });
    expect(
      codes(
        ok({ kind: 'video', declaredType: 'video/mp4', head: FIXTURES['video/mp4'], sizeBytes: 101 * 1024 * 1024 }),
      ),
    ).toEqual([]);
  });

  it.each(['../../etc/passwd', 'a\u202Egnp.exe', 'CON', 'x\u0000.jpg'])(
    'rejects the crafted name %j but still offers a safe display name',
    (name) => {
      const d = checkUpload(ok({ fileName: name }));
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.rejections.map((r) => r.code)).toEqual(['unsafe_file_name']);
        // eslint-disable-next-line no-control-regex -- the NUL byte is what this test looks for
        expect(d.displayName).not.toMatch(/[/\\\u0000\u202E]/);
      }
      expect(checkUpload(ok({ fileName: name }), { unsafeNames: 'rename' }).ok).toBe(true);
    },
  );

  it('collects every rejection at once', () => {
    expect(codes(ok({ fileName: '../x', declaredType: 'video/mp4', sizeBytes: 200 * 1024 * 1024 }))).toEqual([
      'unsafe_file_name',
      'too_large',
      'type_mismatch',
    ]);
  });

  it('normalises declared types', () => {
    expect(normaliseDeclaredType(' Image/Jpg ')).toBe('image/jpeg');
    expect(normaliseDeclaredType('text/html; charset=utf-8')).toBe('text/html');
  });
});

describe('kindForFile', () => {
  it('follows the file: a JPEG is a photo even when video was chosen, a PDF a statement, a page an article', () => {
    expect(kindForFile({ type: 'image/jpeg', name: 'a.jpg' }, 'video')?.kind).toBe('photo');
    expect(kindForFile({ type: 'application/pdf', name: 'a.pdf' }, 'photo')?.kind).toBe('official_statement');
    expect(kindForFile({ type: 'text/html', name: 'a.html' }, 'video')?.kind).toBe('article');
    expect(kindForFile({ type: '', name: 'CLIP.MOV' }, 'photo')).toEqual({
      kind: 'video',
      contentType: 'video/quicktime',
    });
    expect(kindForFile({ type: 'image/jpg', name: 'x' }, 'video')?.kind).toBe('photo');
  });
  it('keeps a chosen kind that accepts the file, and finds none for a file no kind accepts', () => {
    expect(kindForFile({ type: 'image/png', name: 'scene.png' }, 'satellite')?.kind).toBe('satellite');
    expect(kindForFile({ type: 'video/mp4', name: 'v.mp4' }, 'testimony')?.kind).toBe('testimony');
    expect(kindForFile({ type: 'application/x-msdownload', name: 'setup.exe' }, 'photo')).toBeNull();
    expect(kindForFile({ type: '', name: 'notes.docx' }, 'photo')).toBeNull();
  });
});
