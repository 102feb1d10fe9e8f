/**
 * Generic record-linkage types shared by comparators, the Fellegi–Sunter model, blocking and the index.
 * Everything here is plain data so a stored proposed match can be re-run from its settings.
 */
export type FieldValue = string | null;

export interface MatchRecord {
  id: string;
  fields: Record<string, FieldValue>;
  /** Which dataset / organisation the record came from (link mode pairs only cross sources). */
  source?: string;
}

/** Serialisable description of a comparator: enough to rebuild it in a worker or when re-running a stored match. */
export interface ComparatorSpec {
  kind: ComparatorKind;
  /** Name of the comparison (unique within a model), e.g. 'surname'. */
  name: string;
  /** Record field(s) read, in order. */
  fields: string[];
  /** Replace u of the exact level with the value's own frequency. */
  termFrequency?: boolean;
  /** Kind-specific options (thresholds); see each comparator. */
  options?: Record<string, number | string | boolean>;
}

export const COMPARATOR_KINDS = [
  'exact',
  'string',
  'person_name',
  'date',
  'phone',
  'document',
  'nationality',
  'postcode',
  'address',
  'sex',
] as const;
export type ComparatorKind = (typeof COMPARATOR_KINDS)[number];

/**
 * A pluggable comparison. Levels are ordered strongest first and the last one is 'else';
 * a missing value on either side gives level -1 (the "null level"), which carries no weight.
 */
export interface Comparator<P = unknown> {
  readonly name: string;
  readonly field: string | readonly string[];
  readonly levels: readonly string[];
  readonly spec: ComparatorSpec;
  /** Turn the raw field values (in `spec.fields` order) into a reusable prepared value; null when missing. */
  prepare(values: readonly FieldValue[]): P | null;
  /** Level index for two prepared values, or -1 when either is missing. Must be symmetric. */
  compare(a: P | null, b: P | null): number;
  /**
   * compare without the comparator's own memo of pairs it has judged, for callers that remember each pair's level
   * themselves (scoring's PairLevelCache): remembering twice cost about a tenth of the compare phase. Absent when
   * compare keeps no memo.
   */
  compareUnmemoised?(a: P | null, b: P | null): number;
  /**
   * How a levels worker thread (parallel/levels-pool.ts) gets this comparison's prepared values: true = copied from
   * the calling thread, for values dearer to prepare than to copy (phone numbers: libphonenumber's parse); absent =
   * prepared again from the distinct raw values (a name's prepared value is an object graph that costs about twice
   * its preparing to copy between threads). Prepared values are plain data either way (the comparator contract).
   */
  readonly sendPrepared?: boolean;
  /** Caseworker-readable sentence saying why the pair got that level. */
  explain(a: P | null, b: P | null, level: number): string;
  /** Keys for blocking rules that name this comparison (records sharing a key become candidate pairs). */
  blockingKeys?(p: P, variant?: string): string[];
  /** Key variants blockingKeys accepts besides the default (e.g. 'year' for dates); others are refused. */
  readonly blockingVariants?: readonly string[];
  /**
   * Levels that are evidence against a match by construction (default: the last, 'else'): EM training
   * refuses a round in which true matches land on one of them more often than random pairs do.
   */
  readonly disagreementLevels?: readonly number[];
  /** Value whose frequency replaces u at level 0 when term-frequency adjustment is on. */
  termFrequencyKey?(p: P): string | null;
  /**
   * Leading levels at which every record holding either value agrees with the other (the same value written
   * otherwise, or near it: a typo, a part of it), so that the commoner value's frequency also bounds their
   * weight; default 1 (exact only).
   */
  termFrequencyLevels?: number;
}

/** Anything comparators accept: a comparator of some prepared type. */
export type AnyComparator = Comparator<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Progress callback shared by every batch function. */
export type ProgressFn = (p: { phase: string; done: number; total: number }) => void;
