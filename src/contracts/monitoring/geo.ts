/**
 * GeoJSON shapes as zod schemas (RFC 7946 subset: Point, Polygon, MultiPolygon). Ring closure and
 * other structural rules are checked by core `validateGeometry` in the service, which names the
 * offending path; these schemas only fix the shape and coordinate ranges.
 */
import { z } from 'zod';

export const Longitude = z.number().min(-180).max(180);
export const Latitude = z.number().min(-90).max(90);
/** [longitude, latitude] (an altitude is tolerated). */
export const Position = z.union([z.tuple([Longitude, Latitude]), z.tuple([Longitude, Latitude, z.number()])]);
export const LinearRing = z.array(Position).min(4).max(10_000);

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1).max(100),
});
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1).max(100)).min(1).max(100),
});
export const FootprintGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);

export type PointGeometry = z.infer<typeof PointGeometry>;
export type FootprintGeometry = z.infer<typeof FootprintGeometry>;

/** A calendar day, YYYY-MM-DD. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real date',
  );
/** An ISO 8601 timestamp with a time zone. */
export const IsoTimestamp = z.iso.datetime({ offset: true });
