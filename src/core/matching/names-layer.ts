/** The names layer the person-name comparator uses by default: src/core/names, adapted to NamesLayer. */
import {
  NAME_LEVELS,
  compareNameLevel,
  compareNames,
  frequencyKey,
  nameBlockingKeys,
  normaliseName,
  type NormalisedName,
} from '../names/index.ts';
import type { NamesLayer } from './names-port.ts';

export const namesLayer: NamesLayer<NormalisedName> = {
  levels: NAME_LEVELS,
  normaliseName,
  compareNames,
  compareLevel: compareNameLevel,
  nameBlockingKeys,
  // Spellings of one name count as one (Malee Somboon, Mali Sombun): a common name is common however written.
  frequencyKey: (n) => frequencyKey(n.forms[0]!),
};

export const defaultNamesLayer = namesLayer as unknown as NamesLayer;
