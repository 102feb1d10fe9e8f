import { describe, expect, it } from 'vitest';
import { answerOf, decidable, proposalSummary, requesterStatus, tracingCandidateAllowed } from './tracing.ts';

describe('tracing rules', () => {
  it('the requester reads "searching" until an answer exists, whatever happened to candidates', () => {
    expect(requesterStatus({ closed: false, answered: false })).toBe('searching');
    expect(requesterStatus({ closed: false, answered: true })).toBe('answered');
    expect(requesterStatus({ closed: true, answered: true })).toBe('closed');
  });

  it('only a "shared" decision with something to share gives the requester an answer', () => {
    expect(answerOf('not_the_person', { aliveAndSafe: true })).toBeNull();
    expect(answerOf('withheld', { aliveAndSafe: true, contactRoute: 'x' })).toBeNull();
    expect(answerOf('shared', {})).toBeNull();
    expect(answerOf('shared', { aliveAndSafe: false, contactRoute: '  ' })).toBeNull();
    expect(answerOf('shared', { aliveAndSafe: true })).toEqual({
      aliveAndSafe: true,
      contactRoute: null,
      message: null,
    });
    expect(answerOf('shared', { contactRoute: ' via the desk ' })).toEqual({
      aliveAndSafe: false,
      contactRoute: 'via the desk',
      message: null,
    });
  });

  it("another organisation's survivor is a candidate only with consent to cross-organisation matching", () => {
    expect(tracingCandidateAllowed('a', { organisationId: 'a', crossOrganisationMatching: false })).toBe(true);
    expect(tracingCandidateAllowed('a', { organisationId: 'b', crossOrganisationMatching: false })).toBe(false);
    expect(tracingCandidateAllowed('a', { organisationId: 'b', crossOrganisationMatching: true })).toBe(true);
  });

  it("the holder's summary keeps the requester's contact, family name and the numbers given out", () => {
    const s = proposalSummary(
      {
        names: ['Ayu Wibowo'],
        dateOfBirth: '1994-03-12',
        nationalities: ['ID'],
        phone: '+62 813 4001 7007',
        documentNumber: 'B1234567',
        lastKnown: 'Sihanoukville',
      },
      { name: 'Wati Lestari', relationship: 'mother', contact: '+62 899 7777 4242' },
      'family',
    );
    const text = JSON.stringify(s);
    for (const hidden of ['Lestari', '4242', '7007', 'B1234567']) expect(text).not.toContain(hidden);
    expect(s).toMatchObject({ requesterGivenName: 'Wati', sought: { phoneGiven: true, documentGiven: true } });
  });

  it('a decision is taken once', () => {
    expect(decidable('proposed')).toBe(true);
    expect(decidable('withheld')).toBe(false);
  });
});
