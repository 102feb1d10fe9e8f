import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';

const resolve = (text: string, published: string) =>
  findDates(text, published).map((d) => [d.text, d.date, d.precision]);

describe('dates against the publication date', () => {
  it('reads last October as the October before the publication month', () => {
    expect(resolve('It began last October.', '2025-10-20')).toEqual([['last October', '2024-10-01', 'month']]);
    expect(resolve('It began last October.', '2026-01-05')).toEqual([['last October', '2025-10-01', 'month']]);
  });
  it('reads "on the 22nd" in this month, or the last one when the 22nd is still to come', () => {
    expect(resolve('Raided on the 22nd.', '2025-11-25')).toEqual([['on the 22nd', '2025-11-22', 'day']]);
    expect(resolve('Raided on the 22nd.', '2025-01-10')).toEqual([['on the 22nd', '2024-12-22', 'day']]);
  });
  it('reads weekdays, yesterday, weeks ago and dates without a year', () => {
    // 2025-11-12 is a Wednesday.
    expect(resolve('on Monday', '2025-11-12')).toEqual([['Monday', '2025-11-10', 'day']]);
    expect(resolve('on Wednesday', '2025-11-12')).toEqual([['Wednesday', '2025-11-12', 'day']]);
    expect(resolve('yesterday', '2025-03-01')).toEqual([['yesterday', '2025-02-28', 'day']]);
    expect(resolve('two weeks ago', '2025-03-01')).toEqual([['two weeks ago', '2025-02-15', 'week']]);
    expect(resolve('on December 30', '2025-01-02')).toEqual([['December 30', '2024-12-30', 'day']]);
    expect(resolve('on 30 February', '2025-03-02')).toEqual([]);
  });
});
