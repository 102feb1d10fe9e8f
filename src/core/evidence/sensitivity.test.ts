import { describe, expect, it } from 'vitest';
import { evidenceSensitivity } from './sensitivity.ts';

describe('evidenceSensitivity', () => {
  it('keeps testimony sensitive or restricted, never lower', () => {
    expect(evidenceSensitivity('testimony', undefined)).toEqual({ ok: true, sensitivity: 'sensitive' });
    expect(evidenceSensitivity('testimony', 'restricted')).toEqual({ ok: true, sensitivity: 'restricted' });
    expect(evidenceSensitivity('testimony', 'public').ok).toBe(false);
    expect(evidenceSensitivity('testimony', 'internal').ok).toBe(false);
  });

  it('makes other kinds internal unless the recorder chose', () => {
    expect(evidenceSensitivity('video', undefined)).toEqual({ ok: true, sensitivity: 'internal' });
    expect(evidenceSensitivity('article', 'public')).toEqual({ ok: true, sensitivity: 'public' });
    expect(evidenceSensitivity('photo', 'restricted')).toEqual({ ok: true, sensitivity: 'restricted' });
  });
});
