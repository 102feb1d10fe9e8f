/**
 * The demo dataset loaded on first start: a deterministic, entirely fictional scenario modelled on
 * public reporting of the early-2026 exits from Cambodian scam compounds. Pure: same options, same output.
 */
import { createRng, type Rng } from '../random.ts';
import { compoundWeights, demoCompounds } from './compounds.ts';
import { DEFAULT_ANCHOR } from './dates.ts';
import { duplicateOf } from './duplicates.ts';
import { demoOrganisations } from './organisations.ts';
import { draftSurvivor, staffByOrg, type SurvivorContext } from './survivors.ts';
import type { DemoOptions, DemoScenario, DemoSurvivor } from './types.ts';
import { DEMO_ADMIN_KEY, demoUsers } from './users.ts';

export const DEMO_PASSWORD = 'refuge-demo-2026';
export const DEMO_NOTICE = 'Demo data — every person and organisation here is fictional.';
/**
 * Share of demo survivors who consented to cross-organisation matching. Chosen by a hash of the
 * key, not the generator's random stream, so every other field of the scenario stays as it was;
 * about 0.65² ≈ 40 % of the cross-organisation duplicates then become proposals to their holder.
 */
export const DEMO_MATCHING_CONSENT_SHARE = 0.65;

/** Deterministic per-key consent to cross-organisation matching (FNV-1a of the key). */
export function demoMatchingConsent(key: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h / 0x100000000 < DEMO_MATCHING_CONSENT_SHARE;
}

/** Share of survivors registered a second time by another organisation. */
export const DEMO_DUPLICATE_RATE = 0.03;

/** Independent streams per part, so changing the survivor count leaves organisations and compounds alone. */
function stream(seed: number, part: number): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(part, 0x85ebca77)) >>> 0);
}

export function generateDemoScenario(options: DemoOptions = {}): DemoScenario {
  const seed = options.seed ?? 2026;
  const total = Math.max(0, Math.floor(options.survivors ?? 3000));
  const anchor = options.anchor ?? DEFAULT_ANCHOR;

  const organisations = demoOrganisations();
  const users = demoUsers(stream(seed, 1), organisations);
  const compounds = demoCompounds(stream(seed, 2));

  const exits = stream(seed, 3);
  const ctx: SurvivorContext = {
    anchor,
    orgs: organisations,
    compounds,
    compoundWeights: compoundWeights(),
    // Most compounds emptied within a few days of each other, about a month before the anchor.
    massExitDay: new Map(
      compounds.map((c) => {
        const drawn = -34 + exits.int(7); // drawn for every compound, so the stream does not depend on the option
        return [c.key, options.compoundDays?.get(c.key)?.massExit ?? drawn];
      }),
    ),
    firstSeenDay: new Map([...(options.compoundDays ?? [])].map(([k, d]) => [k, d.firstSeen])),
    staff: staffByOrg(users, DEMO_ADMIN_KEY),
  };

  const rng = stream(seed, 4);
  const duplicateCount = Math.round(total * DEMO_DUPLICATE_RATE);
  const drafts = Array.from({ length: total - duplicateCount }, () => draftSurvivor(rng, ctx));

  // Pick distinct people to register twice.
  const twiceIndexes = new Set<number>();
  while (twiceIndexes.size < Math.min(duplicateCount, drafts.length)) twiceIndexes.add(rng.int(drafts.length));
  const records: { survivor: Omit<DemoSurvivor, 'key'>; pairWith: number | null }[] = drafts.map((d) => ({
    survivor: d.survivor,
    pairWith: null,
  }));
  for (const i of [...twiceIndexes].sort((x, y) => x - y))
    records.push({ survivor: duplicateOf(rng, ctx, drafts[i]!), pairWith: i });

  // Keys follow registration order, so a second registration is not given away by its position.
  const order = records
    .map((_, i) => i)
    .sort((x, y) => records[x]!.survivor.registeredAt.localeCompare(records[y]!.survivor.registeredAt) || x - y);
  const width = String(records.length).length;
  const keyOf: string[] = new Array(records.length);
  order.forEach((recordIndex, position) => {
    keyOf[recordIndex] = `sv-${String(position + 1).padStart(width, '0')}`;
  });

  const survivors = order.map((i) => {
    const s = records[i]!.survivor;
    const key = keyOf[i]!; // order is a permutation of the record indexes, so every key is set
    return { key, ...s, consent: { ...s.consent, crossOrganisationMatching: demoMatchingConsent(key) } };
  });
  const duplicates: [string, string][] = records.flatMap((r, i) =>
    r.pairWith === null ? [] : [[keyOf[r.pairWith], keyOf[i]] as [string, string]],
  );
  return { organisations, users, compounds, survivors, duplicates };
}
