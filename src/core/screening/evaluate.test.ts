import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SCREENING_ANSWERS,
  SCREENING_INDICATORS,
  type SCREENING_OUTCOMES,
  type ScreeningAnswer,
  type ScreeningIndicator,
} from '../vocabulary.ts';
import {
  evaluateScreening,
  MAX_UNKNOWN_FOR_FINDING,
  SCREENING_MESSAGE_KEYS,
  SCREENING_RULE_TEXT,
  type PresumptionRule,
  type ScreeningAnswers,
} from './evaluate.ts';
import { INDICATOR_DEFINITIONS } from './indicators.ts';

/** Build answers: listed indicators are yes, `unknown` ones unknown, the rest no. */
function answers(yes: ScreeningIndicator[], unknown: ScreeningIndicator[] | 'rest' = []): ScreeningAnswers {
  const out: ScreeningAnswers = {};
  for (const i of SCREENING_INDICATORS) {
    const a: ScreeningAnswer = yes.includes(i) ? 'yes' : unknown === 'rest' || unknown.includes(i) ? 'unknown' : 'no';
    out[i] = { answer: a };
  }
  return out;
}

type Row = [
  string,
  ScreeningIndicator[],
  ScreeningIndicator[] | 'rest',
  (typeof SCREENING_OUTCOMES)[number],
  PresumptionRule[],
];
const TABLE: Row[] = [
  [
    'forced criminality + deception (rule 1 only)',
    ['forced_criminality', 'deception'],
    [],
    'presumed_victim',
    ['forced_criminality_with_coercion'],
  ],
  [
    'forced criminality + threats (rules 1 and 3)',
    ['forced_criminality', 'intimidation_threats'],
    [],
    'presumed_victim',
    ['forced_criminality_with_coercion', 'involuntariness_and_coercion'],
  ],
  [
    'forced criminality + documents kept',
    ['forced_criminality', 'retention_of_identity_documents'],
    [],
    'presumed_victim',
    ['forced_criminality_with_coercion', 'involuntariness_and_coercion'],
  ],
  [
    'forced criminality + violence',
    ['forced_criminality', 'physical_sexual_violence'],
    [],
    'presumed_victim',
    ['forced_criminality_with_coercion', 'involuntariness_and_coercion'],
  ],
  [
    'forced criminality + locked in',
    ['forced_criminality', 'restriction_of_movement'],
    [],
    'presumed_victim',
    ['forced_criminality_with_coercion', 'involuntariness_and_coercion'],
  ],
  [
    'forced criminality + isolation (rule 3 only)',
    ['forced_criminality', 'isolation'],
    [],
    'presumed_victim',
    ['involuntariness_and_coercion'],
  ],
  ['forced criminality alone', ['forced_criminality'], [], 'possible_victim', []],
  [
    'forced criminality + abuse of vulnerability (both involuntariness)',
    ['forced_criminality', 'abuse_of_vulnerability'],
    [],
    'possible_victim',
    [],
  ],
  [
    'strong + two medium, same dimension (rule 2 only)',
    ['deception', 'abuse_of_vulnerability', 'excessive_overtime'],
    [],
    'presumed_victim',
    ['strong_plus_two_medium'],
  ],
  ['strong + one medium, same dimension', ['deception', 'abuse_of_vulnerability'], [], 'possible_victim', []],
  [
    'four medium, no strong',
    ['abuse_of_vulnerability', 'excessive_overtime', 'isolation', 'withholding_of_wages'],
    [],
    'possible_victim',
    [],
  ],
  [
    'medium involuntariness + medium coercion, no strong',
    ['abusive_working_living_conditions', 'withholding_of_wages'],
    [],
    'possible_victim',
    [],
  ],
  [
    'medium involuntariness + strong coercion',
    ['excessive_overtime', 'physical_sexual_violence'],
    [],
    'presumed_victim',
    ['involuntariness_and_coercion'],
  ],
  [
    'strong involuntariness + medium coercion',
    ['deception', 'isolation'],
    [],
    'presumed_victim',
    ['involuntariness_and_coercion'],
  ],
  ['locked in alone (one indicator never pairs with itself)', ['restriction_of_movement'], [], 'possible_victim', []],
  [
    'locked in + documents kept (both-dimension pair)',
    ['restriction_of_movement', 'retention_of_identity_documents'],
    [],
    'presumed_victim',
    ['involuntariness_and_coercion'],
  ],
  [
    'violence + threats (coercion only)',
    ['physical_sexual_violence', 'intimidation_threats'],
    [],
    'possible_victim',
    [],
  ],
  [
    'debt bondage + withholding of wages',
    ['debt_bondage', 'withholding_of_wages'],
    [],
    'presumed_victim',
    ['involuntariness_and_coercion'],
  ],
  [
    'presumption holds even with 10 unknown',
    ['forced_criminality', 'deception'],
    'rest',
    'presumed_victim',
    ['forced_criminality_with_coercion'],
  ],
  [
    'one yes, 6 unknown (boundary): possible',
    ['deception'],
    [
      'isolation',
      'debt_bondage',
      'excessive_overtime',
      'withholding_of_wages',
      'abuse_of_vulnerability',
      'forced_criminality',
    ],
    'possible_victim',
    [],
  ],
  [
    'one yes, 7 unknown (boundary): insufficient',
    ['deception'],
    [
      'isolation',
      'debt_bondage',
      'excessive_overtime',
      'withholding_of_wages',
      'abuse_of_vulnerability',
      'forced_criminality',
      'intimidation_threats',
    ],
    'insufficient_information',
    [],
  ],
  ['all no', [], [], 'insufficient_information', []],
  ['all unknown', [], 'rest', 'insufficient_information', []],
  [
    'no yes, 6 unknown',
    [],
    [
      'isolation',
      'debt_bondage',
      'excessive_overtime',
      'withholding_of_wages',
      'abuse_of_vulnerability',
      'forced_criminality',
    ],
    'insufficient_information',
    [],
  ],
];

describe('evaluateScreening: rule table', () => {
  it.each(TABLE)('%s', (_name, yes, unknown, outcome, rules) => {
    const r = evaluateScreening(answers(yes, unknown));
    expect(r.outcome).toBe(outcome);
    expect(r.rulesMet).toEqual(rules);
    expect(r.counts.yes).toBe(yes.length);
    expect(r.counts.yes + r.counts.no + r.counts.unknown).toBe(SCREENING_INDICATORS.length);
    expect(r.counts.strongYes + r.counts.mediumYes).toBe(yes.length);
    expect(r.noIndicatorsFound).toBe(yes.length === 0);
    // Every driving indicator was answered yes, and is named in the reasons.
    for (const i of r.drivingIndicators) {
      expect(yes).toContain(i);
      expect(r.reasons.join(' ')).toContain(INDICATOR_DEFINITIONS[i].label);
    }
    expect(r.drivingIndicators.length > 0).toBe(rules.length > 0);
  });

  it('the boundary is more than half unknown', () => {
    expect(MAX_UNKNOWN_FOR_FINDING).toBe(6);
  });

  it('missing answers count as unknown', () => {
    const r = evaluateScreening({ deception: { answer: 'yes' } });
    expect(r.counts).toEqual({ yes: 1, no: 0, unknown: 11, strongYes: 1, mediumYes: 0 });
    expect(r.outcome).toBe('insufficient_information');
    expect(r.reasons.join(' ')).toMatch(/11 of 12/);
  });

  it('each reason comes with its message: key and values, indicators as ids, never a note', () => {
    const r = evaluateScreening({
      forced_criminality: { answer: 'yes', note: 'SECRET-NAME of the boss' },
      deception: { answer: 'yes' },
    });
    expect(r.reasonMessages).toHaveLength(r.reasons.length);
    expect(r.reasonMessages.slice(0, 3)).toEqual([
      { key: 'screening.presumed', params: {} },
      { key: 'screening.rule1', params: { indicators: ['deception'] } },
      { key: 'screening.answered_yes', params: { count: 2, indicators: ['deception', 'forced_criminality'] } },
    ]);
    expect(r.reasonMessages.at(-1)).toMatchObject({ key: 'screening.still_unknown', params: { count: 10, total: 12 } });
    expect(JSON.stringify(r.reasonMessages)).not.toContain('SECRET-NAME');
    const keys = [
      r,
      evaluateScreening({}),
      evaluateScreening(answers([], [])),
      evaluateScreening(answers(['deception'])),
    ].flatMap((x) => x.reasonMessages.map((m) => m.key));
    expect(keys.filter((k) => !(SCREENING_MESSAGE_KEYS as readonly string[]).includes(k))).toEqual([]);
  });

  it('notes never reach the reasons', () => {
    const r = evaluateScreening({
      forced_criminality: { answer: 'yes', note: 'SECRET-NAME of the boss' },
      deception: { answer: 'yes', note: 'SECRET-NAME recruiter' },
    });
    expect(r.reasons.join('\n')).not.toContain('SECRET-NAME');
  });

  it('the first reason states the outcome in plain words', () => {
    expect(evaluateScreening(answers(['forced_criminality', 'deception'])).reasons[0]).toMatch(/^Presumed victim/);
    expect(evaluateScreening(answers(['deception'])).reasons[0]).toMatch(/^Possible victim/);
    expect(evaluateScreening(answers([])).reasons[0]).toMatch(/^Insufficient information/);
  });
});

describe('evaluateScreening: properties', () => {
  const answersArb = fc.record(
    Object.fromEntries(
      SCREENING_INDICATORS.map((i) => [i, fc.constantFrom(...SCREENING_ANSWERS).map((answer) => ({ answer }))]),
    ) as Record<ScreeningIndicator, fc.Arbitrary<{ answer: ScreeningAnswer }>>,
  );

  it('turning any answer into yes never removes a presumption (monotone)', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...SCREENING_INDICATORS), (a, flip) => {
        const before = evaluateScreening(a);
        const after = evaluateScreening({ ...a, [flip]: { answer: 'yes' } });
        if (before.outcome === 'presumed_victim') expect(after.outcome).toBe('presumed_victim');
        for (const rule of before.rulesMet) expect(after.rulesMet).toContain(rule);
      }),
    );
  });

  it('presumed iff a rule holds; otherwise insufficient iff too many unknowns or no yes', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const r = evaluateScreening(a);
        if (r.rulesMet.length > 0) expect(r.outcome).toBe('presumed_victim');
        else if (r.counts.unknown > MAX_UNKNOWN_FOR_FINDING || r.counts.yes === 0)
          expect(r.outcome).toBe('insufficient_information');
        else expect(r.outcome).toBe('possible_victim');
      }),
    );
  });

  it('a presumption needs at least two yes answers and at least one strong one', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const r = evaluateScreening(a);
        if (r.outcome === 'presumed_victim') {
          expect(r.counts.yes).toBeGreaterThanOrEqual(2);
          expect(r.counts.strongYes).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});

describe('SCREENING_RULE_TEXT', () => {
  it('names every indicator and the unknown threshold, in plain words', () => {
    for (const i of SCREENING_INDICATORS) expect(SCREENING_RULE_TEXT).toContain(INDICATOR_DEFINITIONS[i].label);
    expect(SCREENING_RULE_TEXT).toContain(`more than ${MAX_UNKNOWN_FOR_FINDING} of the 12`);
    for (const n of ['1.', '2.', '3.']) expect(SCREENING_RULE_TEXT).toContain(`  ${n} `);
  });
});
