import { describe, expect, it } from 'vitest';
import { countIndependentSources, normaliseUrl } from './corroboration.ts';

const H = (c: string) => c.repeat(64);

describe('countIndependentSources', () => {
  it('counts distinct origins, not items', () => {
    const r = countIndependentSources([
      { evidenceId: 'a', sha256: H('a'), publisher: 'VOD English' },
      { evidenceId: 'b', sha256: H('b'), publisher: 'Khmer Times' },
      { evidenceId: 'c', sha256: H('c'), publisher: 'CamboJA News' },
    ]);
    expect(r.count).toBe(3);
  });

  it('treats the same bytes, a declared re-post and the same publisher as one origin', () => {
    const r = countIndependentSources([
      { evidenceId: 'orig', sha256: H('a'), publisher: '@witness1' },
      { evidenceId: 'copy', sha256: H('a'), publisher: '@aggregator' },
      { evidenceId: 'repost', sha256: H('b'), originalSha256: H('A'), publisher: '@another' },
      { evidenceId: 'vod1', sha256: H('c'), publisher: 'VOD English' },
      { evidenceId: 'vod2', sha256: H('d'), publisher: '  vod english ' },
      { evidenceId: 'indep', sha256: H('e'), publisher: 'Khmer Times' },
    ]);
    expect(r.count).toBe(3);
    expect(r.groups).toEqual([['copy', 'orig', 'repost'], ['indep'], ['vod1', 'vod2']]);
  });

  it('links transitively and by URL and near-duplicate images', () => {
    const r = countIndependentSources([
      { evidenceId: 'x', url: 'https://www.facebook.com/post/1?utm_source=tw', perceptualHash: 'ffff0000ffff0000' },
      { evidenceId: 'y', url: 'http://m.facebook.com/post/1/' },
      { evidenceId: 'z', perceptualHash: 'ffff0000ffff0003' },
      { evidenceId: 'w', perceptualHash: '0123456789abcdef' },
    ]);
    expect(r.groups).toEqual([['w'], ['x', 'y', 'z']]);
    expect(
      countIndependentSources(
        [
          { evidenceId: 'z', perceptualHash: 'ffff0000ffff0003' },
          { evidenceId: 'x', perceptualHash: 'ffff0000ffff0000' },
        ],
        { maxPerceptualDistance: 1 },
      ).count,
    ).toBe(2);
  });

  it('counts an item listed twice once, and nothing as zero', () => {
    expect(countIndependentSources([{ evidenceId: 'a' }, { evidenceId: 'a' }]).count).toBe(1);
    expect(countIndependentSources([]).count).toBe(0);
    expect(normaliseUrl('https://www.example.org/a/?b=1&utm_medium=x&a=2')).toBe('example.org/a?a=2&b=1');
  });
});
