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
    expect(attribute('o2', 'u1', person)).toEqual({ userId: 'u1', name: 'Dara Analyst', organisationName: 'Watch B' });
  });
  it('shows others only as their organisation, without their user id', () => {
    expect(attribute('o3', 'u1', person)).toEqual({ userId: null, name: null, organisationName: 'Watch A' });
  });
  it('shows nobody for an unknown or system actor', () => {
    const nobody = { userId: null, name: null, organisationName: null };
    expect(attribute('o1', 'u1', undefined)).toEqual(nobody);
    expect(attribute('o1', 'u1', { displayName: 'x', organisations: [] })).toEqual(nobody);
    expect(attribute('o1', null, person)).toEqual(nobody);
  });
});
