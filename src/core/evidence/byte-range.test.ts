import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.ts';

describe('parseByteRange', () => {
  it('answers the whole file without a header or for what it does not serve', () => {
    expect(parseByteRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'whole' });
    expect(parseByteRange('items=0-1', 10)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=-', 10)).toEqual({ kind: 'whole' });
  });
  it('reads open, closed and suffix ranges, clamped to the file', () => {
    expect(parseByteRange('bytes=0-', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseByteRange('bytes=2-4', 10)).toEqual({ kind: 'partial', start: 2, end: 4 });
    expect(parseByteRange('bytes=5-99', 10)).toEqual({ kind: 'partial', start: 5, end: 9 });
    expect(parseByteRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseByteRange('bytes=-30', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
  });
  it('refuses ranges outside the file', () => {
    expect(parseByteRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=4-2', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
  });
});
