import { UNFILTERED_PANELS, type Dashboard, type DashboardQuery } from '../contracts/dashboard.ts';
import { scopeFor } from '../core/permissions/matrix.ts';
import {
  dashboardFigures,
  hasFilter,
  type DashboardGroup,
  type NeedGroup,
  type WaitGroup,
} from '../core/statistics/dashboard.ts';
import { LOCATION_KINDS, NEED_KINDS } from '../core/vocabulary.ts';
import {
  countCompounds,
  countEvidence,
  countNeeds,
  countOpenAlerts,
  countReferrals,
} from '../db/repositories/dashboard.repository.ts';
import { countConsularWaits, countDashboardPeople, countNeedPeople } from '../db/repositories/statistics.repository.ts';
import { asActor } from '../db/transaction.ts';
import type { AppContext, RequestActor } from './context.ts';
import { deathCounts } from './deaths.service.ts';
import { audienceFor, readFor } from './statistics.service.ts';

type Resource = 'need' | 'referral' | 'compound' | 'evidence';

/**
 * The signed-in dashboard. Survivor figures follow services/statistics.service.ts audiences (own organisation exact; a
 * coordination organisation or an embassy: statistics-consented people, suppressed) and are built in one place,
 * core/statistics/dashboard.ts, which also decides how the filters meet suppression: they narrow exact figures only.
 * Needs, referrals, monitoring and alerts are what the organisation may see under row-level security, each section
 * only where the role may read it; the filters narrow needs (their survivors' attributes and month registered),
 * referrals (month sent), compound events and verification steps (their month), and the response names the panels
 * an active filter could not narrow.
 */
export async function dashboardStatistics(app: AppContext, actor: RequestActor, q: DashboardQuery): Promise<Dashboard> {
  const audience = await audienceFor(app, actor, 'coordination');
  const exact = audience.disclosure === 'exact';
  const may = (resource: Resource) => scopeFor(actor.roles, 'read', resource) !== null;
  // An embassy reaches other organisations' survivors for consular steps only: never their needs (core/disclosure).
  const needsVisible = audience.scope === 'all' || (exact && may('need'));
  const population = audience.population;
  const now = app.now().toISOString();
  const counted = population
    ? await readFor(app, actor, audience, async (trx) => ({
        people: await countDashboardPeople(trx, population),
        needs: needsVisible ? await countNeedPeople(trx, population) : null,
        waits: await countConsularWaits(trx, population, now),
      }))
    : { people: [], needs: needsVisible ? [] : null, waits: [] };
  const figures = dashboardFigures({
    people: counted.people as DashboardGroup[],
    needs: counted.needs as NeedGroup[] | null,
    waits: counted.waits as WaitGroup[],
    filter: q,
    disclosure: audience.disclosure,
    needKinds: NEED_KINDS,
    locationKinds: LOCATION_KINDS,
  });

  const period = exact ? { from: q.from, to: q.to } : {};
  const inPeriod = <T extends { a: string }>(rows: T[]) =>
    rows.filter((r) => (!period.from || r.a >= period.from) && (!period.to || r.a <= period.to));
  const operational = await asActor(app.database, actor, async (trx) => ({
    needs: may('need')
      ? await countNeeds(
          trx,
          actor.organisationId,
          exact ? { nationalities: q.nationality, sexes: q.sex, ageBands: q.ageBand, from: q.from, to: q.to } : {},
        )
      : null,
    referrals: may('referral') ? await countReferrals(trx, actor.organisationId, period) : null,
    compounds: may('compound') ? await countCompounds(trx) : null,
    evidence: may('evidence') ? await countEvidence(trx) : null,
    alerts: await countOpenAlerts(trx, actor.organisationId),
  }));
  const personFilter = Boolean(q.nationality?.length || q.sex?.length || q.ageBand?.length);
  const unfiltered =
    exact && hasFilter(q) ? UNFILTERED_PANELS.filter((p) => personFilter || p === 'compounds' || p === 'alerts') : [];
  const { release, consular } = figures;
  return {
    scope: audience.scope,
    minimumCell: figures.minimumCell,
    filtersApplied: figures.filtersApplied,
    survivors: {
      total: release.total,
      // Across organisations, nationality × status is the consular table below, suppressed once: a second, differently
      // suppressed copy of the same cells could be combined with it.
      tables: release.tables.filter((t) => exact || t.id !== 'nationality_status') as Dashboard['survivors']['tables'],
    },
    consular: {
      scope: audience.scope,
      generatedAt: now,
      minimumCell: consular.minimumCell,
      rows: consular.rows.map((r) => ({ ...r, waits: consular.waits[r.nationality]! })),
      totals: consular.totals,
      totalWaits: consular.totalWaits,
    },
    byNeed: figures.byNeed as Dashboard['byNeed'],
    byLocation: figures.byLocation as Dashboard['byLocation'],
    unfiltered,
    ...operational,
    deaths: await deathCounts(app, actor),
    ...(operational.compounds && {
      compounds: { ...operational.compounds, eventsByMonth: inPeriod(operational.compounds.eventsByMonth) },
    }),
    ...(operational.evidence && {
      evidence: { ...operational.evidence, stepsByMonth: inPeriod(operational.evidence.stepsByMonth) },
    }),
  };
}
