/** One colour per compound status, shared by the map, the legend and the badges (colour-blind-safe order). */
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../core/vocabulary.ts';

export const STATUS_COLOURS: Record<CompoundStatus, string> = {
  operating: '#c0392b',
  raided: '#1f5fa8',
  mass_exit: '#e67e22',
  emptied: '#5d6d7e',
  relocated: '#8e44ad',
  reactivated: '#7a1f12',
  unknown: '#a8a29a',
};

/** Dark text on light fills, white on dark ones, for the badges. */
export const STATUS_TEXT: Record<CompoundStatus, string> = {
  operating: '#fff',
  raided: '#fff',
  mass_exit: '#1c2427',
  emptied: '#fff',
  relocated: '#fff',
  reactivated: '#fff',
  unknown: '#1c2427',
};

export { COMPOUND_STATUSES };
export type { CompoundStatus };
