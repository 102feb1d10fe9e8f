import { describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, timelineEvents } from '../cases/timeline.ts';
import {
  AUDIENCES,
  consentCovers,
  DISCLOSURE,
  discloseCase,
  discloseReferral,
  discloseSurvivor,
  discloseTimelineEntry,
  FACTS,
  mayReadFreeText,
  reasonWrittenBy,
} from './views.ts';

const survivor = {
  id: 's1',
  organisationId: 'owner',
  location: { kind: 'shelter', placeOrganisationId: 'shelter-1', detail: '#12 Street 310' },
  compound: 'KK Park',
  compoundLink: { id: 'c1', name: 'Harbour Lantern Estate', country: 'KH' },
  exitDate: '2026-01-01',
  consent: { version: 2, shareWithOwnEmbassy: true, shareWithOrganisationIds: ['shelter-1'], useInStatistics: true },
  names: ['Siti'],
};
const entry = (kind: (typeof TIMELINE_KINDS)[number], params = {}, organisationId = 'owner') => ({
  id: 'e',
  kind,
  at: '2026-01-01T00:00:00.000Z',
  actorUserId: 'u',
  organisationId,
  params,
  detail: () => 'free text',
});

describe('the disclosure table', () => {
  it('has a grant for every audience and fact, and free text for the own organisation only', () => {
    for (const a of AUDIENCES) for (const f of FACTS) expect(DISCLOSURE[a][f]).toBeTypeOf('string');
    expect(AUDIENCES.filter(mayReadFreeText)).toEqual(['own_organisation']);
    expect(AUDIENCES.filter((a) => DISCLOSURE[a].organisations !== 'never')).toEqual([
      'own_organisation',
      'referral_receiver',
    ]);
    expect(DISCLOSURE.referral_receiver.organisations).toBe('sender_only');
    expect(AUDIENCES.filter((a) => DISCLOSURE[a].location !== 'never')).toEqual([
      'own_organisation',
      'referral_receiver',
    ]);
    for (const a of ['coordination', 'monitor', 'matching', 'public'] as const)
      expect(DISCLOSURE[a].identity).not.toBe('all');
  });
});

describe('case and survivor views', () => {
  it('an embassy learns no place, no organisation, no compound or dates; the owner everything', () => {
    expect(discloseSurvivor('own_organisation', survivor)).toEqual(survivor);
    const e = discloseSurvivor('embassy', survivor);
    expect(e).toMatchObject({
      organisationId: null,
      location: null,
      compound: null,
      compoundLink: null,
      exitDate: null,
      names: ['Siti'],
    });
    expect(e.consent).toEqual({
      version: 2,
      shareWithOwnEmbassy: true,
      shareWithOrganisationIds: [],
      useInStatistics: true,
    });
    expect(JSON.stringify(e)).not.toMatch(/shelter-1|owner|Street|KK Park/);
    const c = {
      id: 'c',
      survivorId: 's',
      organisationId: 'owner',
      status: 'open' as const,
      riskLevel: 'high',
      assignedTo: 'u1',
      openedAt: 'x',
      updatedAt: 'y',
    };
    expect(discloseCase('embassy', c)).toMatchObject({ organisationId: null, assignedTo: null, status: 'open' });
    expect(discloseCase('own_organisation', c)).toEqual(c);
  });

  it('an embassy reads only progress and consular steps on the timeline, not free text or other organisations', () => {
    for (const kind of TIMELINE_KINDS) {
      const shown = discloseTimelineEntry(
        'embassy',
        'emb',
        entry(kind, { organisationId: 'shelter-1', from: 'open', to: 'lost_contact', risk: 'high' }),
      );
      if (!['opened', 'status_changed', 'consular_step'].includes(kind)) {
        expect(shown, kind).toBeNull();
        continue;
      }
      expect(shown!.detail).toBeNull();
      expect(shown!.organisationId).toBeNull();
      expect(shown!.actorUserId).toBeNull();
      expect(JSON.stringify(shown)).not.toMatch(/shelter-1|owner|free text|"risk"/);
    }
    const ownStep = discloseTimelineEntry(
      'embassy',
      'emb',
      entry(
        'consular_step',
        timelineEvents.consularStep({ flightNumber: 'QZ 1', flightDate: '2026-03-01' }).params,
        'emb',
      ),
    );
    expect(ownStep).toMatchObject({ organisationId: 'emb', actorUserId: 'u', params: { flightNumber: 'QZ 1' } });
  });

  it('the owner reads its own free text, and none of an entry another organisation wrote', () => {
    expect(discloseTimelineEntry('own_organisation', 'owner', entry('status_changed'))!.detail).toBe('free text');
    expect(discloseTimelineEntry('own_organisation', 'owner', entry('consular_step', {}, 'emb'))!.detail).toBeNull();
  });

  it("the owner sees which organisation wrote another organisation's entry, not its officer's user id", () => {
    expect(discloseTimelineEntry('own_organisation', 'owner', entry('consular_step', {}, 'emb'))).toMatchObject({
      organisationId: 'emb',
      actorUserId: null,
    });
    expect(discloseTimelineEntry('own_organisation', 'owner', entry('status_changed'))!.actorUserId).toBe('u');
  });
});

describe('referral views', () => {
  const facts = (state: 'sent' | 'accepted' | 'declined' | 'revoked' | 'completed', frozen = false) => ({
    state,
    frozen,
    caseId: 'c',
    survivorId: 's',
    needIds: ['n'],
    consentBasis: 'named_organisation',
    reason: () => 'reason text',
    person: () => ({ name: 'Siti' }),
  });
  it('a reason stays with the side that wrote it', () => {
    expect(reasonWrittenBy('declined')).toBe('receiver');
    expect(reasonWrittenBy('revoked')).toBe('sender');
    expect(discloseReferral('referral_receiver', facts('revoked')).stateReason).toBeNull();
    expect(discloseReferral('own_organisation', facts('revoked')).stateReason).toBe('reason text');
    expect(discloseReferral('own_organisation', facts('declined')).stateReason).toBeNull();
    expect(discloseReferral('referral_receiver', facts('declined')).stateReason).toBe('reason text');
  });
  it('the receiver sees the person only while live and covered; never the case', () => {
    expect(discloseReferral('referral_receiver', facts('accepted')).person).toEqual({ name: 'Siti' });
    expect(discloseReferral('referral_receiver', facts('accepted', true)).person).toBeUndefined();
    expect(discloseReferral('referral_receiver', facts('revoked')).person).toBeUndefined();
    expect(discloseReferral('referral_receiver', facts('accepted')).caseId).toBeUndefined();
    expect(discloseReferral('own_organisation', facts('accepted')).caseId).toBe('c');
  });
  it("consent covers a referral naming the receiver (or the own embassy); an override is the sender's call", () => {
    const r = (consentBasis: string) => ({ toOrganisationId: 'x', consentBasis, state: 'accepted' as const });
    expect(
      consentCovers({ shareWithOwnEmbassy: false, shareWithOrganisationIds: ['x'] }, r('named_organisation')),
    ).toBe(true);
    expect(consentCovers({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [] }, r('named_organisation'))).toBe(
      false,
    );
    expect(consentCovers({ shareWithOwnEmbassy: false, shareWithOrganisationIds: [] }, r('own_embassy'))).toBe(false);
    expect(consentCovers({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [] }, r('own_embassy'))).toBe(true);
    expect(consentCovers({ shareWithOwnEmbassy: false, shareWithOrganisationIds: [] }, r('override'))).toBe(true);
  });
});
