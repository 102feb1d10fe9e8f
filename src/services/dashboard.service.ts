import type { Dashboard, DashboardQuery } from '../contracts/dashboard.ts';
import { scopeFor } from '../core/permissions/matrix.ts';
import { releaseTables, type ReleaseGroup } from '../core/statistics/release.ts';
import type { AgeBand, CaseStatus, Sex } from '../core/vocabulary.ts';
import {
  countCompounds,
  countEvidence,
  countNeeds,
  countOpenAlerts,
  countReferrals,
} from '../db/repositories/dashboard.repository.ts';
import { countReleasePeople } from '../db/repositories/statistics.repository.ts';
import { asActor } from '../db/transaction.ts';
import type { AppContext, RequestActor } from './context.ts';
import { audienceFor, coordinationStatistics, readFor } from './statistics.service.ts';
import { deathCounts } from './deaths.service.ts';

/**
 * The signed-in dashboard. Survivor figures follow services/statistics.service.ts audiences (own organisation exact; a
 * coordination organisation or an embassy: statistics-consented people, suppressed). Filters narrow exact figures
 * only: re-counting cross-organisation figures per filter would let two filtered answers be subtracted into a small
 * count, so there the fixed tables are returned and `filtersApplied` is false. Needs, referrals, monitoring and alerts
 * are what the organisation may see under row-level security, each section only where the role may read it.
 */
export async function dashboardStatistics(app: AppContext, actor: RequestActor, q: DashboardQuery): Promise<Dashboard> {
  const audience = await audienceFor(app, actor, 'coordination');
  const exact = audience.disclosure === 'exact';
  const population = audience.population;
  const rows = population ? await readFor(app, actor, audience, (trx) => countReleasePeople(trx, population)) : [];
  let groups: ReleaseGroup[] = rows.map((g) => ({
    nationality: g.nationality,
    status: g.status as CaseStatus | null,
    sex: g.sex as Sex,
    ageBand: g.ageBand as AgeBand | null,
    month: g.month,
    n: g.n,
  }));
  const filtered = exact && Boolean(q.nationality?.length || q.sex?.length || q.ageBand?.length || q.from || q.to);
  if (filtered) {
    const nats = new Set((q.nationality ?? []).map((n) => n.toUpperCase()));
    groups = groups.filter(
      (g) =>
        (!nats.size || nats.has(g.nationality)) &&
        (!q.sex?.length || q.sex.includes(g.sex)) &&
        (!q.ageBand?.length || (g.ageBand !== null && q.ageBand.includes(g.ageBand))) &&
        (!q.from || g.month >= q.from) &&
        (!q.to || g.month <= q.to),
    );
  }
  const tables = releaseTables(groups, audience.disclosure);
  const consular = await coordinationStatistics(app, actor);
  const may = (resource: 'need' | 'referral' | 'compound' | 'evidence') =>
    scopeFor(actor.roles, 'read', resource) !== null;
  const operational = await asActor(app.database, actor, async (trx) => ({
    needs: may('need')
      ? await countNeeds(trx, actor.organisationId, exact ? { nationalities: q.nationality, ageBands: q.ageBand } : {})
      : null,
    referrals: may('referral') ? await countReferrals(trx, actor.organisationId) : null,
    compounds: may('compound') ? await countCompounds(trx) : null,
    evidence: may('evidence') ? await countEvidence(trx) : null,
    alerts: await countOpenAlerts(trx, actor.organisationId),
  }));
  return {
    scope: audience.scope,
    minimumCell: exact ? null : tables.minimumCell,
    filtersApplied: exact,
    survivors: {
      total: tables.total,
      // Across organisations, nationality × status is the coordination view's table (`consular`), suppressed once:
      // a second, differently suppressed copy of the same cells could be combined with it.
      tables: tables.tables.filter((t) => exact || t.id !== 'nationality_status') as Dashboard['survivors']['tables'],
    },
    consular,
    ...operational,
    deaths: await deathCounts(app, actor),
  };
}
