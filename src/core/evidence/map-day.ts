/**
 * The day an item stands on the map's timeline: when it was verifiably captured, else when its source claims it was,
 * else the day it reached us. Only the date part of each instant counts (UTC, as stored).
 */
const dayOf = (iso: string | null | undefined): string | null => (iso ? iso.slice(0, 10) : null);

export function evidenceMapDay(item: {
  verifiedCapturedAt: string | null | undefined;
  claimedCapturedAt: string | null | undefined;
  acquiredAt: string;
}): string {
  return dayOf(item.verifiedCapturedAt) ?? dayOf(item.claimedCapturedAt) ?? item.acquiredAt.slice(0, 10);
}
