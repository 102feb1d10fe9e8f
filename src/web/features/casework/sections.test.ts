import { describe, expect, it } from 'vitest';
import { mayOverrideConsent, sectionsFor } from './sections.ts';

describe('casework sections by organisation kind and role', () => {
  it('gives an embassy only its consular queue', () => {
    expect(sectionsFor({ kind: 'embassy', roles: ['consular_officer'] })).toEqual(['consular']);
  });
  it('gives a clinic and a shelter their referrals inbox', () => {
    expect(sectionsFor({ kind: 'clinic', roles: ['medic'] })).toEqual(['referrals']);
    expect(sectionsFor({ kind: 'shelter', roles: ['caseworker'] })).toEqual(['referrals']);
  });
  it('gives a coordination cell the coordination view', () => {
    expect(sectionsFor({ kind: 'coordination', roles: ['viewer'] })).toContain('coordination');
    expect(sectionsFor({ kind: 'coordination', roles: ['viewer'] })).not.toContain('register');
  });
  it('gives an NGO caseworker the whole flow, and a viewer no registration', () => {
    expect(sectionsFor({ kind: 'ngo', roles: ['caseworker'] })).toEqual([
      'register',
      'cases',
      'triage',
      'referrals',
      'followups',
    ]);
    expect(sectionsFor({ kind: 'ngo', roles: ['viewer'] })).not.toContain('register');
  });
  it('gives a monitor and a missing organisation nothing', () => {
    expect(sectionsFor({ kind: 'monitor', roles: ['analyst'] })).toEqual([]);
    expect(sectionsFor(undefined)).toEqual([]);
  });
  it('lets only admins override consent', () => {
    expect(mayOverrideConsent(['admin'])).toBe(true);
    expect(mayOverrideConsent(['caseworker'])).toBe(false);
  });
});
