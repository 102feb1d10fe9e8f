import { describe, expect, it } from 'vitest';
import { ROLES } from '../vocabulary.ts';
import { can, PERMISSIONS, scopeFor } from './matrix.ts';

describe('permission matrix', () => {
  it('has no duplicate (role, action, resource) rows', () => {
    const keys = PERMISSIONS.map((p) => `${p.role}/${p.action}/${p.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('gives every role something to do', () => {
    for (const role of ROLES) expect(PERMISSIONS.some((p) => p.role === role)).toBe(true);
  });
  it('lets caseworkers work their organisation but not read the audit log', () => {
    expect(scopeFor(['caseworker'], 'create', 'survivor')).toBe('organisation');
    expect(can(['caseworker'], 'read', 'audit')).toBe(false);
  });
  it('limits embassies and clinics to what is shared with them', () => {
    expect(scopeFor(['consular_officer'], 'read', 'survivor')).toBe('shared');
    expect(scopeFor(['medic'], 'read', 'case')).toBe('shared');
    expect(can(['medic'], 'create', 'survivor')).toBe(false);
  });
  it('takes the widest scope across several roles', () => {
    expect(scopeFor(['medic', 'admin'], 'read', 'survivor')).toBe('organisation');
  });
  it('keeps consent override to admins', () => {
    expect(can(['caseworker'], 'override_consent', 'referral')).toBe(false);
    expect(can(['admin'], 'override_consent', 'referral')).toBe(true);
  });
});
