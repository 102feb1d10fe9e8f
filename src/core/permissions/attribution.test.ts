import { describe, expect, it } from 'vitest';
import { attribute } from './attribution.ts';

describe('attribute', () => {
  const person = {
    displayName: 'Dara Analyst',
    organisations: [
      { id: 'o2', name: 'Watch B' },
      { id: 'o1', name: 'Watch A' },
    ],
  };
  it('names staff of the reader organisation', () => {
    expect(attribute('o2', person)).toEqual({ name: 'Dara Analyst', organisationName: 'Watch B' });
  });
  it('shows others only as their organisation', () => {
    expect(attribute('o3', person)).toEqual({ name: null, organisationName: 'Watch A' });
  });
  it('shows nobody for an unknown or system actor', () => {
    expect(attribute('o1', undefined)).toEqual({ name: null, organisationName: null });
    expect(attribute('o1', { displayName: 'x', organisations: [] })).toEqual({ name: null, organisationName: null });
  });
});
