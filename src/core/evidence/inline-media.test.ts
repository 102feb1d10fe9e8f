import { describe, expect, it } from 'vitest';
import { inlineMedia } from './inline-media.ts';

describe('inlineMedia', () => {
  it('plays video and audio, shows raster images, opens PDFs', () => {
    expect(inlineMedia('video/mp4')).toBe('video');
    expect(inlineMedia('audio/ogg')).toBe('audio');
    expect(inlineMedia('image/jpeg')).toBe('image');
    expect(inlineMedia('application/pdf')).toBe('document');
  });
  it('never shows active content inline, nor an unknown type', () => {
    for (const type of ['image/svg+xml', 'text/html', 'message/rfc822', 'text/plain', null])
      expect(inlineMedia(type)).toBeNull();
  });
});
