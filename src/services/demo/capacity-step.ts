import { BED_GROUPS } from '../../core/capacity/capacity.ts';
import type { CoverageRow } from '../../core/consular/coverage.ts';
import type { NeedKind } from '../../core/vocabulary.ts';
import { insertCoverage, upsertCapacity } from '../../db/repositories/capacity/capacity.repository.ts';
import type { DemoStep } from './load.ts';

/** Nationalities the demo leaves without any consular path, so the coordination list has something to show. */
const DEMO_UNCOVERED: readonly string[] = ['MG'];
/** The story's nationals without an embassy in Cambodia (issue #10), covered by the fallback whether or not any
 * demo survivor holds them yet. */
const FALLBACK_NATIONALITIES: readonly string[] = ['SL', 'LR'];
const SHELTER_SERVICES: readonly NeedKind[] = ['shelter', 'food', 'psychosocial'];
const CLINIC_SERVICES: readonly NeedKind[] = ['medical_urgent', 'medical', 'psychosocial'];

/**
 * Issue #10 demo data, in its own step: every demo shelter and clinic publishes capacity (figures derived from its
 * position in the scenario, stamped a few hours before the load so they read as current on any day), and the demo's
 * international organisation covers, as consular fallback, every nationality of the demo's survivors that no demo
 * embassy serves, except DEMO_UNCOVERED (shown on the "no consular path" list). Purged with the demo organisations.
 */
export const capacitySteps: readonly DemoStep[] = [
  {
    name: 'capacity',
    async run({ app, trx, scenario, ids }) {
      let n = 0;
      const places = scenario.organisations.filter((o) => o.kind === 'shelter' || o.kind === 'clinic');
      for (const [i, o] of places.entries()) {
        const organisationId = ids.organisations.get(o.key);
        if (!organisationId) continue;
        const shelter = o.kind === 'shelter';
        const beds = shelter
          ? BED_GROUPS.filter((_, g) => (g + i) % 2 === 0).map((group, g) => {
              const total = 8 + 4 * ((i + g) % 3);
              return { group, total, free: (i * 3 + g * 2) % (total + 1) };
            })
          : [{ group: 'any' as const, total: 6, free: (i + 2) % 7 }];
        await upsertCapacity(trx, {
          organisationId,
          beds,
          services: [...(shelter ? SHELTER_SERVICES : CLINIC_SERVICES)],
          languages: ['en', 'km', ...(i % 2 ? ['id'] : ['zh'])],
          updatedAt: new Date(app.now().getTime() - (i + 1) * 3_600_000).toISOString(),
          updatedBy: null,
          isDemo: true,
        });
        n++;
      }
      return n;
    },
  },
  {
    name: 'consular coverage',
    async run({ trx, scenario, ids }) {
      const fallback = scenario.organisations.find((o) => o.kind === 'international_org');
      const organisationId = fallback && ids.organisations.get(fallback.key);
      if (!organisationId) return 0;
      const served = new Set(
        scenario.organisations
          .filter((o) => o.kind === 'embassy')
          .flatMap((o) => o.nationalitiesServed.map((x) => x.toUpperCase())),
      );
      const uncovered = [
        ...new Set([
          ...FALLBACK_NATIONALITIES,
          ...scenario.survivors.flatMap((s) => s.nationalities.map((x) => x.toUpperCase())),
        ]),
      ]
        .filter((nat) => !served.has(nat) && !DEMO_UNCOVERED.includes(nat))
        .sort();
      const rows: (CoverageRow & { isDemo: boolean })[] = uncovered.map((nationality) => ({
        nationality,
        organisationId,
        mode: 'international_org',
        seat: fallback.city ?? null,
        rank: 0,
        isDemo: true,
      }));
      await insertCoverage(trx, rows);
      return rows.length;
    },
  },
];
