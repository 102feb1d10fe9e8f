import { describe, expect, it } from 'vitest';
import {
  crossOrganisationRoles,
  isProbingPattern,
  PROBE_ALERT_CANDIDATES,
  PROBE_ALERT_WINDOW_MS,
  probeWindowStart,
  type CandidateSide,
} from './blind.ts';

const side = (
  survivorId: string,
  organisationId: string,
  registeredAt: string,
  crossOrganisationMatching = true,
): CandidateSide => ({ survivorId, organisationId, registeredAt, crossOrganisationMatching });

describe('crossOrganisationRoles', () => {
  it('is null within one organisation (ordinary de-duplication)', () => {
    expect(
      crossOrganisationRoles(side('a', 'org-1', '2026-01-01T00:00:00Z'), side('b', 'org-1', '2026-01-02T00:00:00Z')),
    ).toBeNull();
  });

  it('makes the earlier registration the holder from either side, so a new probe is always the blind seeker', () => {
    const held = side('x', 'shelter', '2026-01-01T00:00:00Z');
    const probe = side('p', 'attacker', '2026-02-01T00:00:00Z');
    for (const [l, r] of [
      [held, probe],
      [probe, held],
    ]) {
      const roles = crossOrganisationRoles(l!, r!)!;
      expect(roles.holder.survivorId).toBe('x');
      expect(roles.seeker.survivorId).toBe('p');
    }
  });

  it('breaks a tie on the registration instant by id, the same from both sides', () => {
    const a = side('a', 'org-1', '2026-01-01T00:00:00Z');
    const b = side('b', 'org-2', '2026-01-01T00:00:00Z');
    expect(crossOrganisationRoles(a, b)!.holder.survivorId).toBe('a');
    expect(crossOrganisationRoles(b, a)!.holder.survivorId).toBe('a');
  });

  it('proposes only when both survivors consented to cross-organisation matching', () => {
    for (const h of [true, false])
      for (const s of [true, false]) {
        const roles = crossOrganisationRoles(
          side('x', 'b', '2026-01-01T00:00:00Z', h),
          side('p', 'a', '2026-01-02T00:00:00Z', s),
        )!;
        expect(roles.proposable).toBe(h && s);
      }
  });
});

describe('probing pattern', () => {
  it('fires only above the named threshold', () => {
    expect(isProbingPattern(PROBE_ALERT_CANDIDATES)).toBe(false);
    expect(isProbingPattern(PROBE_ALERT_CANDIDATES + 1)).toBe(true);
  });

  it('counts over a sliding window ending now', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(now.getTime() - probeWindowStart(now).getTime()).toBe(PROBE_ALERT_WINDOW_MS);
  });
});
