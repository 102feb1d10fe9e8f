import { describe, expect, it } from 'vitest';
import type { OrganisationKind } from '../vocabulary.ts';
import { canRefer, REFERRAL_OVERRIDE_PERMISSION, type CanReferInput } from './can-refer.ts';

/** Every combination of the inputs that matter, checked against an oracle written from the brief. */
describe('canRefer in every combination', () => {
  const bools = [false, true];
  const kinds: OrganisationKind[] = ['embassy', 'clinic'];
  const reasons = [undefined, '   ', 'unconscious, needs surgery'];
  for (const named of bools)
    for (const embassyConsent of bools)
      for (const kind of kinds)
        for (const serves of bools)
          for (const permission of bools)
            for (const reason of reasons) {
              const name =
                `named=${named} embassyConsent=${embassyConsent} kind=${kind} ` +
                `servesNationality=${serves} permission=${permission} reason=${JSON.stringify(reason)}`;
              it(name, () => {
                const input: CanReferInput = {
                  consent: {
                    shareWithOwnEmbassy: embassyConsent,
                    shareWithOrganisationIds: named ? ['other', 'target'] : ['other'],
                    useInStatistics: false,
                    crossOrganisationMatching: false,
                    testimonyToMonitoring: false,
                  },
                  survivorNationalities: ['KE', 'UG'],
                  toOrganisation: { id: 'target', kind, servesNationalities: serves ? ['UG'] : ['NG'] },
                  userPermissions: permission ? ['case.read', REFERRAL_OVERRIDE_PERMISSION] : ['case.read'],
                  overrideReason: reason,
                };
                const covered = named || (kind === 'embassy' && embassyConsent && serves);
                const overridable = permission && (reason ?? '').trim() !== '';
                const r = canRefer(input);
                expect(r.ok).toBe(covered || overridable);
                if (r.ok) expect(r.override).toBe(!covered);
                if (r.ok && !r.override) expect(r.basis).toBe(named ? 'named_organisation' : 'own_embassy');
                if (r.ok && r.override) expect(r.overrideReason).toBe(reason!.trim());
                if (!r.ok) expect(r.reason).toMatch(/consent/);
              });
            }
});

describe('canRefer details', () => {
  const base: CanReferInput = {
    consent: {
      shareWithOwnEmbassy: true,
      shareWithOrganisationIds: [],
      useInStatistics: true,
      crossOrganisationMatching: false,
      testimonyToMonitoring: false,
    },
    survivorNationalities: ['id'],
    toOrganisation: { id: 'emb-id', kind: 'embassy', servesNationalities: ['ID'] },
    userPermissions: [],
  };
  it('matches nationality codes case-insensitively', () => {
    expect(canRefer(base)).toEqual({ ok: true, override: false, basis: 'own_embassy' });
  });
  it('embassy consent does not cover a non-embassy that lists nationalities', () => {
    expect(canRefer({ ...base, toOrganisation: { id: 'ngo', kind: 'ngo', servesNationalities: ['ID'] } }).ok).toBe(
      false,
    );
  });
  it('an override permission alone is not enough: the reason is required', () => {
    expect(
      canRefer({
        ...base,
        consent: { ...base.consent, shareWithOwnEmbassy: false },
        userPermissions: [REFERRAL_OVERRIDE_PERMISSION],
      }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/written reason/) });
  });
});
