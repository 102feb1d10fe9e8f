/**
 * How each screening indicator is weighed. The grouping follows the approach of the ILO's 2012
 * survey guidelines on forced labour ("Hard to see, harder to count"): an indicator is either
 * *strong* (on its own it points clearly to coercion or deception) or *medium* (it supports a
 * finding but is common in plain bad jobs too), and indicators belong to one of two dimensions:
 * *involuntariness* (the person did not freely agree to the recruitment or the work) and
 * *coercion* (a penalty or threat keeps them there). As in the ILO guidance, a few indicators count
 * in both dimensions: being locked in, having one's passport kept and owing a debt that must be
 * worked off are at once what makes leaving impossible and the penalty held over the person. The
 * assignment below is this project's own judgement for people leaving online-scam compounds, written
 * in plain words.
 */
import type { ScreeningIndicator } from '../vocabulary.ts';

export type IndicatorStrength = 'strong' | 'medium';
export type IndicatorDimension = 'involuntariness' | 'coercion';

export interface IndicatorDefinition {
  readonly strength: IndicatorStrength;
  /** One or both: some indicators are at once what stops leaving and the penalty held over the person. */
  readonly dimensions: readonly IndicatorDimension[];
  /** Short label for the UI and for reasons. */
  readonly label: string;
  /** The question a screener asks, in plain English. */
  readonly question: string;
}

export const INDICATOR_DEFINITIONS: Readonly<Record<ScreeningIndicator, IndicatorDefinition>> = Object.freeze({
  deception: {
    strength: 'strong',
    dimensions: ['involuntariness'],
    label: 'deception',
    question: 'Were they lied to about the job, the employer, the place or the pay when recruited?',
  },
  forced_criminality: {
    strength: 'strong',
    dimensions: ['involuntariness'],
    label: 'forced criminality',
    question: 'Were they made to run scams or commit other offences against their will?',
  },
  abuse_of_vulnerability: {
    strength: 'medium',
    dimensions: ['involuntariness'],
    label: 'abuse of vulnerability',
    question:
      'Did someone take advantage of their poverty, debts, lack of papers, language or age to recruit or hold them?',
  },
  abusive_working_living_conditions: {
    strength: 'medium',
    dimensions: ['involuntariness'],
    label: 'abusive working or living conditions',
    question: 'Were the work or living conditions degrading or dangerous (crowding, no food, no medical care)?',
  },
  excessive_overtime: {
    strength: 'medium',
    dimensions: ['involuntariness'],
    label: 'excessive overtime',
    question: 'Were they made to work far longer hours or days than agreed, without being able to refuse?',
  },
  restriction_of_movement: {
    strength: 'strong',
    dimensions: ['involuntariness', 'coercion'],
    label: 'restriction of movement',
    question: 'Were they locked in, guarded, or unable to leave the compound freely?',
  },
  physical_sexual_violence: {
    strength: 'strong',
    dimensions: ['coercion'],
    label: 'physical or sexual violence',
    question: 'Were they, or others in front of them, beaten, tortured, or sexually abused?',
  },
  intimidation_threats: {
    strength: 'strong',
    dimensions: ['coercion'],
    label: 'intimidation and threats',
    question: 'Were they threatened (with violence, sale to another compound, arrest, harm to family)?',
  },
  retention_of_identity_documents: {
    strength: 'strong',
    dimensions: ['involuntariness', 'coercion'],
    label: 'retention of identity documents',
    question: 'Was their passport or ID taken and not given back when they asked?',
  },
  debt_bondage: {
    strength: 'strong',
    dimensions: ['involuntariness', 'coercion'],
    label: 'debt bondage',
    question:
      'Were they told they owed a debt (travel, "fees", fines, a resale price) that they had to work off before ' +
      'leaving?',
  },
  isolation: {
    strength: 'medium',
    dimensions: ['coercion'],
    label: 'isolation',
    question: 'Were their phone or contact with family and the outside world taken away or controlled?',
  },
  withholding_of_wages: {
    strength: 'medium',
    dimensions: ['coercion'],
    label: 'withholding of wages',
    question: 'Were wages withheld, cut by arbitrary fines, or never paid?',
  },
});

/** Indicators that, together with forced criminality, raise the presumption on their own (rule 1). */
export const FORCED_CRIMINALITY_COMPANIONS: readonly ScreeningIndicator[] = Object.freeze([
  'deception',
  'restriction_of_movement',
  'retention_of_identity_documents',
  'intimidation_threats',
  'physical_sexual_violence',
]);
