/**
 * How the evidence viewer presents an original in the page, by its sniffed type; null = download only. One list for
 * the /media route (which refuses anything else) and the web viewer. SVG and HTML are never inline (active content).
 */
export type InlineMedia = 'video' | 'audio' | 'image' | 'document';

const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export function inlineMedia(contentType: string | null | undefined): InlineMedia | null {
  const type = contentType ?? '';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (IMAGES.includes(type)) return 'image';
  if (type === 'application/pdf') return 'document';
  return null;
}
