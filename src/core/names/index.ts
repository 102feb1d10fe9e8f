/**
 * Names across scripts: the public API of src/core/names for the matching engine and other layers.
 */
export { SCRIPTS, detectScript, type Script } from './script.ts';
export { normaliseName, type NormalisedName } from './normalise.ts';
export { frequencyKey, type NameForm, type FormReading } from './name-form.ts';
export { compareNames, compareNameLevel } from './compare.ts';
export { NAME_LEVELS, levelRank, type NameLevel, type NameComparison } from './name-levels.ts';
export { nameBlockingKeys, MAX_BLOCKING_KEYS } from './blocking.ts';
export { jaroWinkler } from './jaro-winkler.ts';
export { consonantSkeleton, siniticKey } from './phonetic-keys.ts';
export { surnameClassesOfToken, surnameClassOfHan, romanisationsOf, type SurnameClassId } from './surnames.ts';
export { toSimplified, toTraditional, vietnameseReading } from './han.ts';
export { foldWord } from './latin-fold.ts';
