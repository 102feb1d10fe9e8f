/** Events at compounds, alerts, and the compact map data. */
import { z } from 'zod';
import { COMPOUND_STATUSES, EVENT_KINDS, EVIDENCE_KINDS, VERIFICATION_STATES } from '../../core/vocabulary.ts';
import { CONFIDENCE_WORDS } from '../../core/compounds/compound-types.ts';
import { MONITORING_ALERT_KINDS } from '../../core/alerts/kinds.ts';
import { ALERT_SEVERITIES } from '../../core/alerts/rank.ts';
import { Message, PageQuery } from '../common.ts';
import { CompoundTimeline } from './compounds.ts';
import { FootprintGeometry, IsoDay } from './geo.ts';

const Count = z.number().int().min(0).max(10_000_000);
export const EventCounts = z.object({
  peopleLeaving: Count.optional(),
  arrests: Count.optional(),
  rescues: Count.optional(),
  deaths: Count.optional(),
});

/** A probability in [0, 1] or one of low/medium/high. */
export const ConfidenceInput = z.union([z.number().min(0).max(1), z.enum(CONFIDENCE_WORDS)]);

const Nationality = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code');

export const EventInput = z
  .object({
    compoundId: z.uuid(),
    kind: z.enum(EVENT_KINDS),
    date: IsoDay,
    dateEnd: IsoDay.nullable().default(null),
    counts: EventCounts.default({}),
    nationalities: z.array(Nationality).max(60).default([]),
    confidence: ConfidenceInput,
    evidenceIds: z.array(z.uuid()).max(200).default([]),
    statesEmptied: z.boolean().default(false),
    relocatedToCompoundId: z.uuid().nullable().default(null),
    description: z.string().max(10_000).nullable().default(null),
  })
  .refine((e) => !e.dateEnd || e.dateEnd >= e.date, { message: 'dateEnd must not be before date', path: ['dateEnd'] });
export type EventInput = z.infer<typeof EventInput>;

export const EventPatch = z.object({
  kind: z.enum(EVENT_KINDS).optional(),
  date: IsoDay.optional(),
  dateEnd: IsoDay.nullable().optional(),
  counts: EventCounts.optional(),
  nationalities: z.array(Nationality).max(60).optional(),
  confidence: ConfidenceInput.optional(),
  evidenceIds: z.array(z.uuid()).max(200).optional(),
  statesEmptied: z.boolean().optional(),
  relocatedToCompoundId: z.uuid().nullable().optional(),
  description: z.string().max(10_000).nullable().optional(),
});
export type EventPatch = z.infer<typeof EventPatch>;

export const EventView = z.object({
  id: z.string(),
  compoundId: z.string(),
  kind: z.enum(EVENT_KINDS),
  date: z.string(),
  dateEnd: z.string().nullable(),
  counts: z.object({
    peopleLeaving: z.number().optional(),
    arrests: z.number().optional(),
    rescues: z.number().optional(),
    deaths: z.number().optional(),
  }),
  nationalities: z.array(z.string()),
  /** As a probability (words map to 0.3 / 0.6 / 0.9). */
  confidence: z.number(),
  evidenceIds: z.array(z.string()),
  statesEmptied: z.boolean(),
  relocatedToCompoundId: z.string().nullable(),
  description: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  retracted: z.boolean(),
});
export type EventView = z.infer<typeof EventView>;

export const EventListQuery = PageQuery.extend({
  includeRetracted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const EventList = z.object({ items: z.array(EventView), nextCursor: z.string().nullable() });
export type EventList = z.infer<typeof EventList>;

export const AlertView = z.object({
  id: z.string(),
  kind: z.enum(MONITORING_ALERT_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  /** Higher first. */
  rank: z.number(),
  title: z.string(),
  /** The title as a key and values (web namespace `server`); null on alerts stored before titles had one. */
  titleMessage: Message.nullable(),
  compoundId: z.string(),
  relatedCompoundIds: z.array(z.string()),
  date: z.string(),
  eventIds: z.array(z.string()),
  evidenceIds: z.array(z.string()),
  /**
   * As the reader's organisation sees it: 'acknowledged' = acknowledged by this organisation; 'dismissed' = closed for
   * everyone.
   */
  status: z.enum(['open', 'acknowledged', 'dismissed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who acknowledged it for the reader's organisation (or closed it for everyone). */
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** The reader's organisation may close it for everyone (it registered the compound, or it is coordination). */
  mayClose: z.boolean(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertListQuery = PageQuery.extend({
  status: z.enum(['open', 'acknowledged', 'dismissed', 'any']).default('open'),
  compoundId: z.uuid().optional(),
});
export const AlertList = z.object({ items: z.array(AlertView), nextCursor: z.string().nullable() });
export type AlertList = z.infer<typeof AlertList>;

/** Writing an event answers with the recomputed timeline and the alerts the rules raised or refreshed. */
export const EventWriteResult = z.object({ event: EventView, timeline: CompoundTimeline, alerts: z.array(AlertView) });
export type EventWriteResult = z.infer<typeof EventWriteResult>;

export const MapQuery = z.object({
  /** Status of each compound on this day, and evidence captured (or acquired) up to it. Default: today. */
  at: IsoDay.optional(),
});

/**
 * Compact map data. Evidence points are columnar: parallel arrays, coordinates as integers of
 * 1e-5 degrees (~1 m), kind/state as indexes into `evidenceKinds`/`verificationStates`,
 * `compound` as an index into `compounds` (-1 = none), `day` as days since 1970-01-01.
 */
export const MapData = z.object({
  at: z.string(),
  compounds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(COMPOUND_STATUSES),
      point: z.tuple([z.number(), z.number()]).nullable(),
      footprint: FootprintGeometry.nullable(),
    }),
  ),
  evidenceKinds: z.array(z.enum(EVIDENCE_KINDS)),
  verificationStates: z.array(z.enum(VERIFICATION_STATES)),
  evidence: z.object({
    id: z.array(z.string()),
    lon: z.array(z.number().int()),
    lat: z.array(z.number().int()),
    kind: z.array(z.number().int()),
    state: z.array(z.number().int()),
    compound: z.array(z.number().int()),
    day: z.array(z.number().int()),
  }),
});
export type MapData = z.infer<typeof MapData>;
