/**
 * Embassy scope: an embassy sees a survivor only when the survivor holds a nationality the
 * embassy serves AND has consented to share with their own embassy. Both, always: a survivor may
 * fear their own state (e.g. prosecution for the scams they were forced to run), so nationality
 * alone never opens the record.
 */
import type { ConsentFlags } from './versioned.ts';

export interface EmbassyScopeSurvivor {
  /** ISO 3166-1 alpha-2. */
  readonly nationalities: readonly string[];
  readonly consent: Pick<ConsentFlags, 'shareWithOwnEmbassy' | 'embassyNationalities'>;
}

const norm = (code: string): string => code.trim().toUpperCase();

/** Nationalities of the survivor that this embassy serves (empty when none). */
export function servedNationalities(
  embassyNationalities: readonly string[],
  survivorNationalities: readonly string[],
): string[] {
  const served = new Set(embassyNationalities.map(norm));
  return [...new Set(survivorNationalities.map(norm))].filter((n) => n !== '' && served.has(n));
}

/**
 * `embassyNationalities` are the nationalities the organisation covers (a resident embassy's own, or those that
 * core/consular coverage resolves to it). A dual national may consent per nationality: then only the services of
 * the chosen nationalities see them (consent.embassyNationalities; absent or null: all of their nationalities).
 */
export function embassyMaySee(embassyNationalities: readonly string[], survivor: EmbassyScopeSurvivor): boolean {
  if (survivor.consent.shareWithOwnEmbassy !== true) return false;
  const chosen = survivor.consent.embassyNationalities;
  const held =
    chosen == null ? survivor.nationalities : survivor.nationalities.filter((n) => chosen.map(norm).includes(norm(n)));
  return servedNationalities(embassyNationalities, held).length > 0;
}
