import { describe, expect, it } from 'vitest';
import { LOCATION_KINDS, REFERRAL_STATES } from '../vocabulary.ts';
import { mayViewLocation, type ReferralLink } from './location.ts';

const OWNER = 'ngo-owner';
const SHELTER = 'shelter-1';
const referral = (from: string, state: ReferralLink['state'], to = SHELTER): ReferralLink => ({
  fromOrganisationId: from,
  toOrganisationId: to,
  state,
});

describe('mayViewLocation', () => {
  for (const kind of ['shelter', 'clinic', 'embassy'] as const) {
    describe(`${kind} location`, () => {
      const loc = { kind, placeOrganisationId: SHELTER, caseOwnerOrganisationId: OWNER };
      it('visible to the place itself', () => expect(mayViewLocation(SHELTER, loc, [])).toBe(true));
      it('visible to an organisation with an accepted referral there, and only in state accepted', () => {
        for (const state of REFERRAL_STATES)
          expect(mayViewLocation('clinic-2', loc, [referral('clinic-2', state)])).toBe(state === 'accepted');
      });
      it('an accepted referral to another place does not count', () => {
        expect(mayViewLocation('clinic-2', loc, [referral('clinic-2', 'accepted', 'shelter-9')])).toBe(false);
      });
      it('the case owner without a referral there does not see it; an unrelated org never does', () => {
        expect(mayViewLocation(OWNER, loc, [])).toBe(false);
        expect(mayViewLocation('embassy-x', loc, [referral('clinic-2', 'accepted')])).toBe(false);
      });
      it('no recorded place organisation: nobody', () => {
        expect(mayViewLocation(OWNER, { kind, caseOwnerOrganisationId: OWNER }, [])).toBe(false);
      });
    });
  }
  for (const kind of ['street', 'own_address', 'detention'] as const) {
    it(`${kind}: only the case owner, whatever referrals exist`, () => {
      const loc = { kind, placeOrganisationId: SHELTER, caseOwnerOrganisationId: OWNER };
      expect(mayViewLocation(OWNER, loc, [])).toBe(true);
      expect(mayViewLocation(SHELTER, loc, [referral(SHELTER, 'accepted')])).toBe(false);
      expect(mayViewLocation('clinic-2', loc, [referral('clinic-2', 'accepted')])).toBe(false);
    });
  }
  it('unknown: nobody', () => {
    expect(mayViewLocation(OWNER, { kind: 'unknown', caseOwnerOrganisationId: OWNER }, [])).toBe(false);
  });
  it('every location kind has a rule', () => {
    const decided = LOCATION_KINDS.map((kind) =>
      mayViewLocation(OWNER, { kind, placeOrganisationId: OWNER, caseOwnerOrganisationId: OWNER }, []),
    );
    expect(decided.filter((x) => x).length).toBe(LOCATION_KINDS.length - 1);
  });
});
