import { describe, expect, it } from 'vitest';
import { LINK_REQUEST_STATES, revealLevel, type RevealInput } from './reveal.ts';

const consentCases = [
  { label: 'no consent', consent: { shareWithOrganisations: [], shareWithOwnEmbassy: false }, embassy: false, allows: false },
  { label: 'named viewer', consent: { shareWithOrganisations: ['org-viewer'], shareWithOwnEmbassy: false }, embassy: false, allows: true },
  { label: 'other org named', consent: { shareWithOrganisations: ['org-other'], shareWithOwnEmbassy: false }, embassy: false, allows: false },
  { label: 'own embassy consent, viewer is embassy', consent: { shareWithOrganisations: [], shareWithOwnEmbassy: true }, embassy: true, allows: true },
  { label: 'own embassy consent, viewer not embassy', consent: { shareWithOrganisations: [], shareWithOwnEmbassy: true }, embassy: false, allows: false },
  { label: 'no embassy consent, viewer is embassy', consent: { shareWithOrganisations: [], shareWithOwnEmbassy: false }, embassy: true, allows: false },
];

describe('revealLevel', () => {
  for (const state of LINK_REQUEST_STATES) {
    for (const c of consentCases) {
      for (const sameOrg of [true, false]) {
        const expected = sameOrg ? 'full' : state === 'accepted' && c.allows ? 'shared_fields' : 'existence_only';
        it(`${sameOrg ? 'same' : 'other'} organisation, request ${state}, ${c.label} → ${expected}`, () => {
          const input: RevealInput = {
            viewerOrganisationId: 'org-viewer',
            candidateOrganisationId: sameOrg ? 'org-viewer' : 'org-holder',
            linkRequest: state,
            consent: c.consent,
            viewerIsSurvivorsEmbassy: c.embassy,
          };
          expect(revealLevel(input)).toBe(expected);
        });
      }
    }
  }

  it('never reveals fields for a pending, declined or revoked request even with full consent', () => {
    const consent = { shareWithOrganisations: ['org-viewer'], shareWithOwnEmbassy: true };
    for (const state of ['none', 'requested', 'declined', 'revoked'] as const) {
      expect(revealLevel({ viewerOrganisationId: 'org-viewer', candidateOrganisationId: 'x', linkRequest: state, consent, viewerIsSurvivorsEmbassy: true })).toBe('existence_only');
    }
  });
});
