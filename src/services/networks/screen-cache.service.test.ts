import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors.ts';
import { checkIndexFits } from './screen-cache.service.ts';

const MB = 2 ** 20;

describe('the screening index memory check', () => {
  it('lets an index that fits the heap be built', () => {
    expect(() => checkIndexFits(0, 4144 * MB)).not.toThrow();
    expect(() => checkIndexFits(1_000_000, 4144 * MB)).not.toThrow();
    // bench:screen's own setting holds 4M entities.
    expect(() => checkIndexFits(4_000_000, 7000 * MB)).not.toThrow();
  });

  it('refuses 4M entities on the default heap with a 503 that says which heap to start with', () => {
    let error: unknown;
    try {
      checkIndexFits(4_000_000, 4144 * MB);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServiceError);
    const e = error as ServiceError;
    expect(e.status).toBe(503);
    expect(e.code).toBe('screening_index_too_large');
    const suggested = Number(/--max-old-space-size=(\d+)/.exec(e.message)?.[1]);
    // The suggestion is enough for the same entities: checked by asking again with it.
    expect(suggested).toBeGreaterThan(4144);
    expect(() => checkIndexFits(4_000_000, suggested * MB)).not.toThrow();
  });
});
