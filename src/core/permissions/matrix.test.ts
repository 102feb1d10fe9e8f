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
  it('lets every kind that meets survivors register them; the registering organisation owns the record', () => {
    for (const role of ['caseworker', 'consular_officer', 'medic', 'admin'] as const) {
      expect(scopeFor([role], 'create', 'survivor'), role).toBe('organisation');
      expect(scopeFor([role], 'create', 'case'), role).toBe('organisation');
      expect(scopeFor([role], 'read', 'case'), role).toBe('organisation');
    }
    expect(can(['viewer'], 'create', 'survivor')).toBe(false);
    expect(can(['analyst'], 'create', 'survivor')).toBe(false);
    // An embassy reaches other organisations' consenting nationals through its consular scope only.
    expect(scopeFor(['consular_officer'], 'read', 'consular')).toBe('shared');
    expect(can(['medic'], 'read', 'consular')).toBe(false);
    expect(can(['medic'], 'override_consent', 'referral')).toBe(false);
  });
  it('lets shelter and clinic staff publish capacity and every working role read it', () => {
    expect(scopeFor(['medic'], 'update', 'capacity')).toBe('organisation');
    expect(scopeFor(['viewer'], 'read', 'capacity')).toBe('all');
    expect(can(['viewer'], 'update', 'capacity')).toBe(false);
    expect(can(['consular_officer'], 'update', 'capacity')).toBe(false);
  });
  it('takes the widest scope across several roles', () => {
    expect(scopeFor(['medic', 'admin'], 'read', 'survivor')).toBe('organisation');
  });
  it('keeps consent override to admins', () => {
    expect(can(['caseworker'], 'override_consent', 'referral')).toBe(false);
    expect(can(['admin'], 'override_consent', 'referral')).toBe(true);
  });
});
