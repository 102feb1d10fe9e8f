import { describe, expect, it } from 'vitest';
import { careFirstNeeds, protectionFlags, restrictedFields, withheldIndicators } from './protection.ts';

describe('protection flags and protocols', () => {
  it('flags under-18s from the age band, pregnancy and sexual violence only when told', () => {
    expect(protectionFlags({ ageBand: 'under_18' })).toEqual(['under_18']);
    expect(protectionFlags({ ageBand: '18_24' })).toEqual([]);
    expect(protectionFlags({ ageBand: null, pregnant: true, sexualViolence: true })).toEqual([
      'pregnancy',
      'sexual_violence',
    ]);
  });
  it('opens care first: urgent medical care for sexual violence, antenatal care for pregnancy; a child’s needs are boosted instead', () => {
    expect(careFirstNeeds(['sexual_violence'])).toEqual([
      { kind: 'medical_urgent', priority: 'urgent' },
      { kind: 'psychosocial', priority: 'high' },
    ]);
    expect(careFirstNeeds(['pregnancy'])).toEqual([{ kind: 'medical', priority: 'urgent' }]);
    expect(careFirstNeeds(['under_18'])).toEqual([]);
    expect(careFirstNeeds([])).toEqual([]);
  });
  it('does not open a kind twice and keeps the most urgent priority any protocol asks', () => {
    expect(
      careFirstNeeds(['pregnancy', 'sexual_violence'], ['psychosocial']).map((n) => `${n.kind}:${n.priority}`),
    ).toEqual(['medical:urgent', 'medical_urgent:urgent']);
  });
  it('restricts what intake asks: no violence question for a child or a survivor of sexual violence, no notes for the latter', () => {
    expect(restrictedFields(['sexual_violence', 'under_18'])).toEqual([
      'contacts',
      'notes',
      'screening.physical_sexual_violence',
    ]);
    expect(restrictedFields(['pregnancy'])).toEqual([]);
  });
  it('withholds the violence question from intake staff for a child or a survivor of sexual violence, not from a clinician', () => {
    expect(withheldIndicators(['under_18'], ['caseworker'])).toEqual(['physical_sexual_violence']);
    expect(withheldIndicators(['sexual_violence'], ['consular_officer', 'viewer'])).toEqual([
      'physical_sexual_violence',
    ]);
    expect(withheldIndicators(['sexual_violence'], ['caseworker', 'medic'])).toEqual([]);
    expect(withheldIndicators(['pregnancy'], ['caseworker'])).toEqual([]);
    expect(withheldIndicators([], ['admin'])).toEqual([]);
  });
});
