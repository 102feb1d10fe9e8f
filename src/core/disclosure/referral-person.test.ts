import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGE_BANDS, CONTACT_CHANNELS, DOCUMENT_STATUSES, NEED_KINDS, NEED_PRIORITIES, SEXES } from '../vocabulary.ts';
import {
  presentForReferral,
  REFERRAL_CONTACT_FIELDS,
  REFERRAL_FIELDS,
  REFERRAL_NEED_FIELDS,
} from './referral-person.ts';

const SECRET = 'LEAK-CANARY';
const survivor = {
  preferredName: 'Ana',
  legalNames: [`${SECRET}-legal`],
  sex: 'female' as const,
  ageBand: '18_24' as const,
  nationalities: ['PH'],
  languages: ['tl', 'en'],
  contactChannels: [
    { channel: 'whatsapp' as const, value: '+639170000000' },
    { channel: 'email' as const, value: `${SECRET}@example.org` },
  ],
  documentStatus: 'confiscated' as const,
  location: { kind: 'shelter', lat: 11.6, lon: 104.9, note: SECRET },
  notes: SECRET,
  screening: { deception: { answer: 'yes', note: SECRET } },
};
const kase = {
  id: 'case-1',
  ownerNotes: SECRET,
  needs: [
    { id: 'n1', kind: 'travel_document' as const, priority: 'high' as const, notes: SECRET },
    { id: 'n2', kind: 'psychosocial' as const, priority: 'normal' as const, notes: SECRET },
    { id: 'n3', kind: 'legal' as const, priority: 'urgent' as const, notes: SECRET },
  ],
};

describe('presentForReferral', () => {
  it('returns only the referred needs, and no contact unless the referral names one', () => {
    const v = presentForReferral(survivor, kase, { id: 'r1', needIds: ['n2'] });
    expect(v).toEqual({
      referralId: 'r1',
      preferredName: 'Ana',
      sex: 'female',
      ageBand: '18_24',
      nationalities: ['PH'],
      languages: ['tl', 'en'],
      needs: [{ kind: 'psychosocial', priority: 'normal' }],
    });
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });
  it('shares exactly the named contact channel', () => {
    const v = presentForReferral(survivor, kase, { id: 'r1', needIds: ['n2'], shareContactChannel: 'whatsapp' });
    expect(v.contact).toEqual({ channel: 'whatsapp', value: '+639170000000' });
    expect(
      presentForReferral(survivor, kase, { id: 'r1', needIds: ['n2'], shareContactChannel: 'telegram' }).contact,
    ).toBeUndefined();
  });
  it('shows document status only for consular or travel-document needs', () => {
    expect(presentForReferral(survivor, kase, { id: 'r', needIds: ['n1'] }).documentStatus).toBe('confiscated');
    expect(presentForReferral(survivor, kase, { id: 'r', needIds: ['n2', 'n3'] }).documentStatus).toBeUndefined();
  });
  it('ignores need ids that are not in this case', () => {
    expect(presentForReferral(survivor, kase, { id: 'r', needIds: ['other-case-need'] }).needs).toEqual([]);
  });
  it('does not hand out the source arrays', () => {
    const v = presentForReferral(survivor, kase, { id: 'r', needIds: [] });
    v.nationalities.push('XX');
    expect(survivor.nationalities).toEqual(['PH']);
  });
});

describe('presentForReferral leaks nothing (property)', () => {
  const extra = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.oneof(
      fc.constant(SECRET),
      fc.record({ nested: fc.constant(SECRET) }),
      fc.array(fc.constant(SECRET), { maxLength: 2 }),
    ),
    { maxKeys: 8 },
  );
  const survivorArb = fc
    .tuple(
      extra,
      fc.record({
        preferredName: fc.option(fc.constantFrom('Ana', 'Minh', 'Wei')),
        sex: fc.constantFrom(...SEXES),
        ageBand: fc.option(fc.constantFrom(...AGE_BANDS)),
        nationalities: fc.array(fc.constantFrom('ID', 'VN', 'CN'), { maxLength: 2 }),
        languages: fc.array(fc.constantFrom('id', 'vi', 'zh'), { maxLength: 2 }),
        contactChannels: fc.array(
          fc.record({ channel: fc.constantFrom(...CONTACT_CHANNELS), value: fc.constantFrom('+855000', 'handle') }),
          { maxLength: 3 },
        ),
        documentStatus: fc.option(fc.constantFrom(...DOCUMENT_STATUSES)),
      }),
    )
    .map(([junk, known]) => ({ ...junk, ...known }));
  const needArb = fc
    .tuple(
      extra,
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'd'),
        kind: fc.constantFrom(...NEED_KINDS),
        priority: fc.constantFrom(...NEED_PRIORITIES),
      }),
    )
    .map(([junk, known]) => ({ ...junk, ...known }));
  const referralArb = fc.record({
    id: fc.constant('ref'),
    needIds: fc.subarray(['a', 'b', 'c']),
    shareContactChannel: fc.option(fc.constantFrom(...CONTACT_CHANNELS)),
  });

  it('output keys ⊆ the allowed lists at every level, and no planted value survives', () => {
    fc.assert(
      fc.property(survivorArb, fc.array(needArb, { maxLength: 5 }), referralArb, (s, needs, ref) => {
        const v = presentForReferral(s, { needs }, ref);
        for (const k of Object.keys(v)) expect(REFERRAL_FIELDS as readonly string[]).toContain(k);
        for (const n of v.needs)
          for (const k of Object.keys(n)) expect(REFERRAL_NEED_FIELDS as readonly string[]).toContain(k);
        if (v.contact)
          for (const k of Object.keys(v.contact)) expect(REFERRAL_CONTACT_FIELDS as readonly string[]).toContain(k);
        expect(JSON.stringify(v)).not.toContain(SECRET);
        expect(v.needs.length).toBe(needs.filter((n) => ref.needIds.includes(n.id)).length);
        if (v.contact) expect(v.contact.channel).toBe(ref.shareContactChannel);
      }),
      { numRuns: 300 },
    );
  });
});
