/**
 * Which compound a point belongs to: core FootprintIndex over every footprint (built per request; hundreds of polygons
 * build in well under a millisecond).
 */
import { FootprintIndex } from '../../core/geo/footprint-index.ts';
import type { PrecisionBand } from '../../core/vocabulary.ts';
import { listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import type { CompoundProposalStored } from '../../db/repositories/monitoring/evidence.repository.ts';
import type { Queryable } from '../../db/transaction.ts';

export async function footprintIndex(trx: Queryable): Promise<FootprintIndex> {
  const compounds = await listAllCompounds(trx);
  return new FootprintIndex(
    compounds.filter((c) => c.footprint).map((c) => ({ compoundId: c.id, footprint: c.footprint! })),
  );
}

/** Inside a footprint, or the nearest one within reach; a claim (no precision) is only ever proposed. */
export function assignPoint(
  index: FootprintIndex,
  point: [number, number],
  basis: 'verified' | 'claimed',
  precision?: PrecisionBand,
): CompoundProposalStored | null {
  const a = index.assign(point, basis === 'verified' ? { precision } : {});
  if (!a) return null;
  return {
    compoundId: a.compoundId,
    how: a.how,
    distanceMeters: Math.round(a.distanceMeters * 10) / 10,
    confidence: basis === 'claimed' ? 'proposed' : a.confidence,
    basis,
  };
}
