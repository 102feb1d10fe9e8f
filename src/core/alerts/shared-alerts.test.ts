import { describe, expect, it } from 'vitest';
import { mayCloseSharedAlert, planSharedAlertChange, sharedAlertStatusFor } from './shared-alerts.ts';

describe('shared alerts', () => {
  it('lets only the owner or coordination close for everyone', () => {
    expect(mayCloseSharedAlert({ organisationId: 'a', organisationKind: 'monitor' }, 'a')).toBe(true);
    expect(mayCloseSharedAlert({ organisationId: 'b', organisationKind: 'monitor' }, 'a')).toBe(false);
    expect(mayCloseSharedAlert({ organisationId: 'b', organisationKind: 'ngo' }, null)).toBe(false);
    expect(mayCloseSharedAlert({ organisationId: 'c', organisationKind: 'coordination' }, 'a')).toBe(true);
  });
  it('shows acknowledged only to the organisation that acknowledged', () => {
    expect(sharedAlertStatusFor('open', true)).toBe('acknowledged');
    expect(sharedAlertStatusFor('open', false)).toBe('open');
    expect(sharedAlertStatusFor('dismissed', false)).toBe('dismissed');
  });
  it('plans changes: acknowledging is per organisation, closing and reopening need the right', () => {
    expect(planSharedAlertChange('open', false, 'acknowledged', false)).toEqual({ kind: 'acknowledge' });
    expect(planSharedAlertChange('open', true, 'open', false)).toEqual({ kind: 'withdraw_acknowledgement' });
    expect(planSharedAlertChange('open', false, 'dismissed', false).kind).toBe('refused');
    expect(planSharedAlertChange('open', false, 'dismissed', true)).toEqual({
      kind: 'set_global',
      status: 'dismissed',
      alsoAcknowledge: false,
    });
    expect(planSharedAlertChange('dismissed', false, 'open', false).kind).toBe('refused');
    expect(planSharedAlertChange('dismissed', false, 'acknowledged', true)).toEqual({
      kind: 'set_global',
      status: 'open',
      alsoAcknowledge: true,
    });
    expect(planSharedAlertChange('open', true, 'acknowledged', false)).toEqual({ kind: 'unchanged' });
  });
});
