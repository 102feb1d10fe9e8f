import { describe, expect, it } from 'vitest';
import { LINK_REQUEST_STATES, MATCH_SIDES, revealLevel, revealsOrganisation, type RevealInput } from './reveal.ts';

const consentCases = [
  {
    label: 'no consent',
    consent: { shareWithOrganisations: [], shareWithOwnEmbassy: false },
    embassy: false,
    allows: false,
  },
  {
    label: 'named viewer',
    consent: { shareWithOrganisations: ['org-viewer'], shareWithOwnEmbassy: false },
    embassy: false,
    allows: true,
  },
  {
    label: 'other org named',
    consent: { shareWithOrganisations: ['org-other'], shareWithOwnEmbassy: false },
    embassy: false,
    allows: false,
  },
  {
    label: 'own embassy consent, viewer is embassy',
    consent: { shareWithOrganisations: [], shareWithOwnEmbassy: true },
    embassy: true,
    allows: true,
  },
  {
    label: 'own embassy consent, viewer not embassy',
    consent: { shareWithOrganisations: [], shareWithOwnEmbassy: true },
    embassy: false,
    allows: false,
  },
  {
    label: 'no embassy consent, viewer is embassy',
    consent: { shareWithOrganisations: [], shareWithOwnEmbassy: false },
    embassy: true,
    allows: false,
  },
];

describe('revealLevel', () => {
  for (const state of LINK_REQUEST_STATES) {
    for (const c of consentCases) {
      for (const side of MATCH_SIDES) {
        const open = state === 'accepted' && c.allows;
        const expected =
          side === 'same_organisation' ? 'full' : open ? 'shared_fields' : side === 'holder' ? 'existence_only' : null;
        it(`${side}, request ${state}, ${c.label} → ${expected}`, () => {
          const input: RevealInput = {
            viewerOrganisationId: 'org-viewer',
            viewerSide: side,
            linkRequest: state,
            consent: c.consent,
            viewerIsSurvivorsEmbassy: c.embassy,
          };
          expect(revealLevel(input)).toBe(expected);
        });
      }
    }
  }

  it('a pending, declined or revoked request shows the seeker nothing (not even existence), with full consent', () => {
    const consent = { shareWithOrganisations: ['org-viewer'], shareWithOwnEmbassy: true };
    for (const state of ['none', 'requested', 'declined', 'revoked'] as const) {
      const level = revealLevel({
        viewerOrganisationId: 'org-viewer',
        viewerSide: 'seeker',
        linkRequest: state,
        consent,
        viewerIsSurvivorsEmbassy: true,
      });
      expect(level).toBeNull();
      expect(revealsOrganisation(level)).toBe(false);
    }
  });

  it('the holder never learns the other organisation before the fields are shared', () => {
    expect(revealsOrganisation('existence_only')).toBe(false);
    expect(revealsOrganisation('shared_fields')).toBe(true);
  });
});
