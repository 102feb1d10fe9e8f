import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api-error.ts';
import { errorUnder } from './errors.ts';

describe('errorUnder', () => {
  const error = new ApiError(400, 'Bad', undefined, [
    { name: 'body.names.0.value', reason: 'too short' },
    { name: 'consent.method', reason: 'pick one' },
    { name: 'sex', reason: 'required' },
  ]);
  it('matches a field, its children and route-prefixed names', () => {
    expect(errorUnder(error, 'names')).toBe('too short');
    expect(errorUnder(error, 'consent')).toBe('pick one');
    expect(errorUnder(error, 'sex')).toBe('required');
  });
  it('does not match a field that merely shares a prefix, or a non-API error', () => {
    expect(errorUnder(error, 'name')).toBeUndefined();
    expect(errorUnder(new Error('x'), 'sex')).toBeUndefined();
  });
});
