/**
 * The screening rule: answers to the 12 indicators → a trafficking-victim presumption.
 * Transparent by construction: there is no score, only named rules over named indicators, and the
 * result lists which rules held and which indicators drove them. SCREENING_RULE_TEXT is the same
 * rule in plain English for the UI. A presumption is a reason to protect and refer, not a legal
 * determination; a person confirms it (suggestions, not silent automation).
 */
import {
  SCREENING_INDICATORS,
  type ScreeningAnswer,
  type ScreeningIndicator,
  type ScreeningOutcome,
} from '../vocabulary.ts';
import { worded as reason, type Message, type Worded as Reason } from '../message.ts';
import { FORCED_CRIMINALITY_COMPANIONS, INDICATOR_DEFINITIONS, type IndicatorDimension } from './indicators.ts';

/** Bump when the rule changes, so stored results keep the rule that produced them. */
export const SCREENING_RULE_VERSION = 'refuge-screening-1';

/** More unknowns than this (over half of the 12) and no presumption → insufficient information. */
export const MAX_UNKNOWN_FOR_FINDING = Math.floor(SCREENING_INDICATORS.length / 2);

export interface IndicatorAnswer {
  readonly answer: ScreeningAnswer;
  /** Free text for the case file; never copied into reasons (it may be sensitive). */
  readonly note?: string;
}

/** A missing indicator counts as unknown. */
export type ScreeningAnswers = Partial<Record<ScreeningIndicator, IndicatorAnswer>>;

export const PRESUMPTION_RULES = [
  'forced_criminality_with_coercion',
  'strong_plus_two_medium',
  'involuntariness_and_coercion',
] as const;
export type PresumptionRule = (typeof PRESUMPTION_RULES)[number];

export interface ScreeningCounts {
  readonly yes: number;
  readonly no: number;
  readonly unknown: number;
  readonly strongYes: number;
  readonly mediumYes: number;
}

export interface ScreeningResult {
  readonly outcome: ScreeningOutcome;
  /** Plain-English sentences, first the outcome, then why. Shown as they are. */
  readonly reasons: string[];
  /** The same reasons, one for one, as keys and parameters for the web to word in the reader's language. */
  readonly reasonMessages: Message[];
  readonly counts: ScreeningCounts;
  readonly rulesMet: PresumptionRule[];
  /** Indicators answered yes that made a presumption rule hold (empty when none held). */
  readonly drivingIndicators: ScreeningIndicator[];
  /** True when every answered indicator is "no" or unknown: nothing points to trafficking yet. */
  readonly noIndicatorsFound: boolean;
  readonly ruleVersion: string;
}

const labelOf = (i: ScreeningIndicator): string => INDICATOR_DEFINITIONS[i].label;
const listOf = (items: readonly ScreeningIndicator[]): string => {
  const labels = items.map(labelOf);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
};
const byStrength = (s: 'strong' | 'medium') =>
  SCREENING_INDICATORS.filter((i) => INDICATOR_DEFINITIONS[i].strength === s);
const inDimension = (i: ScreeningIndicator, d: IndicatorDimension): boolean =>
  INDICATOR_DEFINITIONS[i].dimensions.includes(d);
const byDimension = (d: IndicatorDimension) => SCREENING_INDICATORS.filter((i) => inDimension(i, d));
const isStrong = (i: ScreeningIndicator): boolean => INDICATOR_DEFINITIONS[i].strength === 'strong';

export const SCREENING_RULE_TEXT: string = [
  'How the screening result is decided (no hidden score):',
  `Strong indicators: ${listOf(byStrength('strong'))}.`,
  `Medium indicators: ${listOf(byStrength('medium'))}.`,
  `Signs the person did not freely agree to the recruitment or the work: ${listOf(byDimension('involuntariness'))}.`,
  `Signs of a penalty or threat keeping them there: ${listOf(byDimension('coercion'))}.`,
  'The person is presumed a victim of trafficking when any one of these holds:',
  `  1. They were made to commit crimes (forced criminality) and there is also ` +
    `${FORCED_CRIMINALITY_COMPANIONS.map(labelOf).join(', or ')}.`,
  '  2. At least one strong indicator and at least two medium indicators are answered yes.',
  '  3. Two different indicators are answered yes, one a sign of not agreeing freely and the other a sign of a ' +
    'penalty or threat, and at least one of the two is strong.',
  `Otherwise, when more than ${MAX_UNKNOWN_FOR_FINDING} of the ${SCREENING_INDICATORS.length} questions are ` +
    `unanswered or unknown, the result is "insufficient information": finish the screening when it is safe to.`,
  'Otherwise, when at least one indicator is answered yes, the result is "possible victim": keep assisting and ' +
    'screen again as trust grows.',
  'When no indicator is answered yes, the result is "insufficient information" too: nothing found so far is not ' +
    'proof that nothing happened.',
  'A presumption is a reason to protect and refer the person, not a legal finding; a caseworker confirms it.',
].join('\n');

/** The keys reasonMessages uses (namespace `server`). */
export const SCREENING_MESSAGE_KEYS = [
  'screening.presumed',
  'screening.rule1',
  'screening.rule2',
  'screening.rule3',
  'screening.answered_yes',
  'screening.none_yes',
  'screening.still_unknown',
  'screening.insufficient_unknown',
  'screening.insufficient_none',
  'screening.possible',
  'screening.no_coercion',
  'screening.no_involuntariness',
] as const;

const answerOf = (answers: ScreeningAnswers, i: ScreeningIndicator): ScreeningAnswer => answers[i]?.answer ?? 'unknown';

export function evaluateScreening(answers: ScreeningAnswers): ScreeningResult {
  const yes = SCREENING_INDICATORS.filter((i) => answerOf(answers, i) === 'yes');
  const no = SCREENING_INDICATORS.filter((i) => answerOf(answers, i) === 'no');
  const unknown = SCREENING_INDICATORS.filter((i) => answerOf(answers, i) === 'unknown');
  const strongYes = yes.filter(isStrong);
  const mediumYes = yes.filter((i) => !isStrong(i));
  const involuntaryYes = yes.filter((i) => inDimension(i, 'involuntariness'));
  const coerciveYes = yes.filter((i) => inDimension(i, 'coercion'));
  const counts: ScreeningCounts = {
    yes: yes.length,
    no: no.length,
    unknown: unknown.length,
    strongYes: strongYes.length,
    mediumYes: mediumYes.length,
  };

  const rulesMet: PresumptionRule[] = [];
  const ruleReasons: Reason[] = [];
  const driving = new Set<ScreeningIndicator>();

  // Rule 1: forced criminality with deception or a coercive companion.
  const companions = FORCED_CRIMINALITY_COMPANIONS.filter((i) => yes.includes(i));
  if (yes.includes('forced_criminality') && companions.length > 0) {
    rulesMet.push('forced_criminality_with_coercion');
    ['forced_criminality' as const, ...companions].forEach((i) => driving.add(i));
    ruleReasons.push(
      reason(`Rule 1 holds: forced criminality together with ${listOf(companions)}.`, 'screening.rule1', {
        indicators: companions,
      }),
    );
  }
  // Rule 2: one strong plus two medium.
  if (strongYes.length >= 1 && mediumYes.length >= 2) {
    rulesMet.push('strong_plus_two_medium');
    [...strongYes, ...mediumYes].forEach((i) => driving.add(i));
    ruleReasons.push(
      reason(
        `Rule 2 holds: strong indicator${strongYes.length > 1 ? 's' : ''} (${listOf(strongYes)}) with medium ` +
          `indicators (${listOf(mediumYes)}).`,
        'screening.rule2',
        { count: strongYes.length, strongIndicators: strongYes, mediumIndicators: mediumYes },
      ),
    );
  }
  // Rule 3: a sign of involuntariness and a *different* sign of coercion, at least one of the pair strong.
  const pairs: [ScreeningIndicator, ScreeningIndicator][] = [];
  for (const i of involuntaryYes)
    for (const c of coerciveYes) if (i !== c && (isStrong(i) || isStrong(c))) pairs.push([i, c]);
  if (pairs.length > 0) {
    rulesMet.push('involuntariness_and_coercion');
    const inv = SCREENING_INDICATORS.filter((x) => pairs.some(([i]) => i === x));
    const coe = SCREENING_INDICATORS.filter((x) => pairs.some(([, c]) => c === x));
    [...inv, ...coe].forEach((i) => driving.add(i));
    ruleReasons.push(
      reason(
        `Rule 3 holds: not agreeing freely (${listOf(inv)}) together with a penalty or threat (${listOf(coe)}).`,
        'screening.rule3',
        { involuntaryIndicators: inv, coerciveIndicators: coe },
      ),
    );
  }

  const drivingIndicators = SCREENING_INDICATORS.filter((i) => driving.has(i));
  const unknownNote =
    unknown.length > 0
      ? reason(
          `Still unknown (${unknown.length} of ${SCREENING_INDICATORS.length}): ${listOf(unknown)}.`,
          'screening.still_unknown',
          { count: unknown.length, total: SCREENING_INDICATORS.length, indicators: unknown },
        )
      : undefined;
  const yesNote =
    yes.length > 0
      ? reason(`Answered yes (${yes.length}): ${listOf(yes)}.`, 'screening.answered_yes', {
          count: yes.length,
          indicators: yes,
        })
      : reason('No indicator was answered yes.', 'screening.none_yes');
  const base = {
    counts,
    rulesMet,
    drivingIndicators,
    noIndicatorsFound: yes.length === 0,
    ruleVersion: SCREENING_RULE_VERSION,
  };
  const compact = (xs: (Reason | undefined)[]): Pick<ScreeningResult, 'reasons' | 'reasonMessages'> => {
    const kept = xs.filter((x): x is Reason => x !== undefined);
    return { reasons: kept.map((x) => x.text), reasonMessages: kept.map((x) => x.message) };
  };

  if (rulesMet.length > 0) {
    return {
      ...base,
      outcome: 'presumed_victim',
      ...compact([
        reason('Presumed victim of trafficking.', 'screening.presumed'),
        ...ruleReasons,
        yesNote,
        unknownNote,
      ]),
    };
  }
  if (unknown.length > MAX_UNKNOWN_FOR_FINDING) {
    return {
      ...base,
      outcome: 'insufficient_information',
      ...compact([
        reason(
          `Insufficient information: ${unknown.length} of ${SCREENING_INDICATORS.length} questions are unknown ` +
            `(more than ${MAX_UNKNOWN_FOR_FINDING}) and no presumption rule holds.`,
          'screening.insufficient_unknown',
          { count: unknown.length, total: SCREENING_INDICATORS.length, max: MAX_UNKNOWN_FOR_FINDING },
        ),
        yesNote,
        unknownNote,
      ]),
    };
  }
  if (yes.length === 0) {
    return {
      ...base,
      outcome: 'insufficient_information',
      ...compact([
        reason(
          'Insufficient information: no indicator was answered yes. This is not proof that nothing happened; screen ' +
            'again as trust grows.',
          'screening.insufficient_none',
        ),
        unknownNote,
      ]),
    };
  }
  return {
    ...base,
    outcome: 'possible_victim',
    ...compact([
      reason('Possible victim: at least one indicator is present but no presumption rule holds.', 'screening.possible'),
      yesNote,
      coerciveYes.length === 0
        ? reason('No sign of a penalty or threat keeping them there was answered yes.', 'screening.no_coercion')
        : undefined,
      involuntaryYes.length === 0
        ? reason(
            'No sign of not agreeing freely to the recruitment or the work was answered yes.',
            'screening.no_involuntariness',
          )
        : undefined,
      unknownNote,
    ]),
  };
}
