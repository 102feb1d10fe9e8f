/**
 * A compound (a site where people are held) and the events that happened there. The status
 * timeline is never stored by hand: it is derived from events (see timeline.ts).
 */
import type { EventKind } from '../vocabulary.ts';
import type { FootprintGeometry, PointGeometry } from '../geo/geojson-types.ts';

export const OPERATOR_ROLES = ['operator', 'owner', 'landlord', 'security', 'unknown'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Who runs or owns a compound: a name as reported, linked to an Entity once identified. */
export interface CompoundOperator {
  name: string;
  role: OperatorRole;
  entityId: string | null;
}

export interface Compound {
  id: string;
  /** Names as written in every script they were reported in, the most used first. */
  names: string[];
  /** Nicknames and informal names ("KK", "the Chinatown compound"). */
  aliases: string[];
  province: string | null;
  district: string | null;
  point: PointGeometry | null;
  footprint: FootprintGeometry | null;
  operators: CompoundOperator[];
  notes: string | null;
}

export const CONFIDENCE_WORDS = ['low', 'medium', 'high'] as const;
export type ConfidenceWord = (typeof CONFIDENCE_WORDS)[number];
/** A probability in [0, 1] or a word; words map to numbers in timeline.ts. */
export type Confidence = number | ConfidenceWord;

export interface EventCounts {
  peopleLeaving?: number;
  arrests?: number;
  rescues?: number;
  deaths?: number;
}

/** Something that happened at a compound, on a day or within a range of days (ISO dates, YYYY-MM-DD). */
export interface CompoundEvent {
  id: string;
  compoundId: string;
  kind: EventKind;
  date: string;
  /** Last possible day when only a range is known; the timeline uses `date`, the earliest day. */
  dateEnd?: string | null;
  counts?: EventCounts;
  confidence: Confidence;
  evidenceIds: string[];
  /** An explicit statement (official or reliable source) that the site is now empty. */
  statesEmptied?: boolean;
  /** For a relocation: where the operation moved, when known. */
  relocatedToCompoundId?: string | null;
}
