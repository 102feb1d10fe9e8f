import { describe, expect, it } from 'vitest';
import { identifiersIn } from './testimony.ts';

const who = {
  names: ['Mariama Kallon-Sesay', '陈志伟'],
  contacts: ['+232 76 555 0199', 'mariama.k@example.org'],
  organisationName: 'Harbour Light Aid',
  ids: ['3f1c2d4e-0000-4000-8000-000000000001'],
};

describe('identifiersIn', () => {
  it('finds a name part, a name in another script, a phone written differently, the organisation and an id', () => {
    expect(identifiersIn('She said KALLON was beaten on the third floor.', who)).toEqual(['kallon']);
    expect(identifiersIn('同事陈志伟也在', who)).toEqual(['陈志伟']);
    expect(identifiersIn('call 23276-555-0199 later', who)).toEqual(['+232 76 555 0199']);
    expect(identifiersIn('told to staff of harbour light aid', who)).toEqual(['Harbour Light Aid']);
    expect(identifiersIn('ref 3F1C2D4E-0000-4000-8000-000000000001', who)).toEqual([
      '3f1c2d4e-0000-4000-8000-000000000001',
    ]);
    expect(identifiersIn('Mariamá told us', who)).toEqual(['Mariama Kallon-Sesay'.split(' ')[0]!.toLowerCase()]);
  });

  it('passes an account that names nobody, including words that merely contain a name part', () => {
    expect(
      identifiersIn(
        'Workers on the fourth floor were held for months, beaten when they missed quotas; guards took phones.',
        who,
      ),
    ).toEqual([]);
    // "Sesayville" is not the word "sesay".
    expect(identifiersIn('a shop called Sesayville near the gate', who)).toEqual([]);
  });
});
