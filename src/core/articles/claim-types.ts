/**
 * What extraction produces: claims, each with the exact span of the article text it rests on
 * (`text.slice(start, end) === quote`), a structured value, and a `key` saying which quantity or which
 * who/where it is about (claims with equal keys are compared across sources).
 */
import type { DatePrecision } from './dates.ts';
import type { Figure } from './figures.ts';

export const CLAIM_KINDS = [
  'person',
  'organisation',
  'place',
  'date',
  'people_count',
  'place_count',
  'money',
  'quotation',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ['proposed', 'accepted', 'rejected', 'disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const PLACE_KINDS = ['country', 'province', 'city', 'compound'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface PersonValue {
  name: string;
  role: string | null;
  affiliation: string | null;
}
export interface OrganisationValue {
  name: string;
}
export interface PlaceValue {
  name: string;
  placeKind: PlaceKind;
  country: string | null;
  compoundId: string | null;
}
export interface DateValue {
  date: string | null;
  precision: DatePrecision;
  relative: boolean;
}
export interface PeopleCountValue extends Figure {
  group: string;
  nationality: string | null;
}
export interface PlaceCountValue extends Figure {
  unit: string;
}
export interface MoneyValue extends Figure {
  currency: string;
}
export interface QuotationValue {
  speaker: string | null;
}

export type ClaimValue =
  | { kind: 'person'; value: PersonValue }
  | { kind: 'organisation'; value: OrganisationValue }
  | { kind: 'place'; value: PlaceValue }
  | { kind: 'date'; value: DateValue }
  | { kind: 'people_count'; value: PeopleCountValue }
  | { kind: 'place_count'; value: PlaceCountValue }
  | { kind: 'money'; value: MoneyValue }
  | { kind: 'quotation'; value: QuotationValue };

export type Claim = ClaimValue & {
  start: number;
  end: number;
  quote: string;
  /** people_count:person:ID · place_count:scam_site · money:USD · place:compound:<id> · person:<name>. */
  key: string;
};

export const FIGURE_KINDS: readonly ClaimKind[] = ['people_count', 'place_count', 'money'];
