import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embassyMaySee, servedNationalities } from './embassy-scope.ts';

describe('embassyMaySee', () => {
  const consenting = (nationalities: string[]) => ({ nationalities, consent: { shareWithOwnEmbassy: true } });
  it('needs a served nationality and embassy consent, both', () => {
    expect(embassyMaySee(['ID'], consenting(['ID']))).toBe(true);
    expect(embassyMaySee(['ID'], consenting(['MY']))).toBe(false);
    expect(embassyMaySee(['ID'], { nationalities: ['ID'], consent: { shareWithOwnEmbassy: false } })).toBe(false);
    expect(embassyMaySee(['ID'], consenting([]))).toBe(false);
    expect(embassyMaySee([], consenting(['ID']))).toBe(false);
  });
  it('dual nationals: any served nationality is enough; codes are case-insensitive', () => {
    expect(embassyMaySee(['CN', 'TW'], consenting(['MY', 'tw']))).toBe(true);
    expect(servedNationalities(['cn', 'TW'], ['TW', 'CN', 'tw', 'MY'])).toEqual(['TW', 'CN']);
  });
  it('property: never visible without consent', () => {
    const code = fc.constantFrom('ID', 'CN', 'VN', 'PH', 'MM');
    fc.assert(
      fc.property(fc.array(code), fc.array(code), (emb, nat) => {
        expect(embassyMaySee(emb, { nationalities: nat, consent: { shareWithOwnEmbassy: false } })).toBe(false);
        expect(embassyMaySee(emb, consenting(nat))).toBe(nat.some((n) => emb.includes(n)));
      }),
    );
  });
});

describe('consent per nationality (dual nationals)', () => {
  const dual = (embassyNationalities?: string[] | null) => ({
    nationalities: ['ID', 'PH'],
    consent: { shareWithOwnEmbassy: true, embassyNationalities },
  });
  it('lets every held nationality’s embassy see them when no choice is recorded', () => {
    expect(embassyMaySee(['ID'], dual())).toBe(true);
    expect(embassyMaySee(['PH'], dual(null))).toBe(true);
  });
  it('lets only the chosen nationality’s embassy see them', () => {
    expect(embassyMaySee(['PH'], dual(['ph']))).toBe(true);
    expect(embassyMaySee(['ID'], dual(['PH']))).toBe(false);
    expect(embassyMaySee(['ID', 'PH'], dual([]))).toBe(false);
  });
  it('never opens the record without the consent itself', () => {
    expect(
      embassyMaySee(['PH'], {
        nationalities: ['PH'],
        consent: { shareWithOwnEmbassy: false, embassyNationalities: ['PH'] },
      }),
    ).toBe(false);
  });
});
