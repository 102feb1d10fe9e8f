import { describe, expect, it } from 'vitest';
import { ROLES } from '../vocabulary.ts';
import { scopeFor } from './matrix.ts';
import { areasFor, mayOverrideConsent, sectionsFor } from './seats.ts';

describe('casework sections by organisation kind and role', () => {
  it('lets an embassy register its walk-ins and work them besides its consular queue', () => {
    expect(sectionsFor({ kind: 'embassy', roles: ['consular_officer'] })).toEqual([
      'register',
      'cases',
      'consular',
      'referrals',
    ]);
  });
  it('lets a clinic and a shelter register walk-ins, work their referrals inbox and publish capacity', () => {
    expect(sectionsFor({ kind: 'clinic', roles: ['medic'] })).toEqual([
      'register',
      'cases',
      'triage',
      'referrals',
      'capacity',
    ]);
    expect(sectionsFor({ kind: 'shelter', roles: ['caseworker'] })).toEqual([
      'register',
      'cases',
      'triage',
      'referrals',
      'capacity',
    ]);
    expect(sectionsFor({ kind: 'shelter', roles: ['viewer'] })).toEqual([]);
  });
  it('gives the international organisation acting as consular fallback its queue', () => {
    expect(sectionsFor({ kind: 'international_org', roles: ['consular_officer'] })).toContain('consular');
    expect(sectionsFor({ kind: 'international_org', roles: ['caseworker'] })).not.toContain('consular');
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

describe('the areas each seat may open', () => {
  it('gives each demo seat kind what its role can use, and nothing that would refuse it', () => {
    expect(areasFor({ kind: 'ngo', roles: ['caseworker'] })).toEqual(['casework', 'matching', 'monitoring', 'reports']);
    // Embassies: their consular queue and matches; no monitoring (consular officers may not read compounds).
    expect(areasFor({ kind: 'embassy', roles: ['consular_officer'] })).toEqual(['casework', 'matching', 'reports']);
    // Clinics: casework (walk-ins, referrals, capacity) and reports; no matches and no monitoring.
    expect(areasFor({ kind: 'clinic', roles: ['medic'] })).toEqual(['casework', 'reports']);
    expect(areasFor({ kind: 'shelter', roles: ['caseworker'] })).toEqual([
      'casework',
      'matching',
      'monitoring',
      'reports',
    ]);
    // Monitors: no casework page fits them, and analysts may not read matches.
    // Networks: analysts and administrators (monitors, coordination), never caseworkers.
    expect(areasFor({ kind: 'monitor', roles: ['analyst'] })).toEqual(['monitoring', 'networks', 'reports']);
    expect(areasFor({ kind: 'international_org', roles: ['analyst'] })).toEqual(['monitoring', 'networks', 'reports']);
    expect(areasFor({ kind: 'coordination', roles: ['admin'] })).toEqual([
      'casework',
      'matching',
      'monitoring',
      'networks',
      'reports',
    ]);
    expect(areasFor({ kind: 'coordination', roles: ['viewer'] })).toEqual(['casework', 'monitoring', 'reports']);
  });
  it('follows the permission table: each area is open exactly when the services would answer', () => {
    for (const role of ROLES) {
      const areas = areasFor({ kind: 'ngo', roles: [role] });
      expect(areas.includes('matching'), role).toBe(scopeFor([role], 'read', 'match') !== null);
      expect(areas.includes('monitoring'), role).toBe(scopeFor([role], 'read', 'compound') === 'all');
      expect(areas.includes('reports'), role).toBe(scopeFor([role], 'read', 'report') !== null);
      expect(areas.includes('networks'), role).toBe(scopeFor([role], 'read', 'entity') === 'all');
    }
    // A verifier reads evidence but no report: no reports entry.
    expect(areasFor({ kind: 'monitor', roles: ['verifier'] })).toEqual(['monitoring']);
  });
  it('opens nothing without an organisation', () => {
    expect(areasFor(undefined)).toEqual([]);
  });
});
