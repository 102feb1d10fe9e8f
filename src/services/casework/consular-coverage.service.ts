import { consularPath, resolveCoverage } from '../../core/consular/coverage.ts';
import { MINIMUM_CELL, suppressEntries, SUPPRESSED } from '../../core/statistics/suppression.ts';
import type { CoverageView, NoConsularPathView } from '../../contracts/capacity.ts';
import {
  consentingNationalityGroups,
  listCoverage,
  residentEmbassies,
} from '../../db/repositories/capacity/capacity.repository.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { actorOrganisation, authorise } from './access.service.ts';

/** Who covers each nationality known here (about organisations: every signed-in organisation reads it). */
export async function consularCoverage(app: AppContext, actor: RequestActor): Promise<CoverageView> {
  authorise(actor, 'read', 'capacity');
  return asActor(app.database, actor, async (trx) => {
    const [rows, embassies] = [await listCoverage(trx), await residentEmbassies(trx)];
    const names = new Map([
      ...embassies.map((e) => [e.id, e.name] as const),
      ...rows.map((r) => [r.organisationId, r.organisationName] as const),
    ]);
    const nationalities = [
      ...new Set([
        ...embassies.flatMap((e) => e.nationalitiesServed.map((n) => n.toUpperCase())),
        ...rows.map((r) => r.nationality),
      ]),
    ].sort();
    return {
      items: nationalities.map((n) => {
        const r = resolveCoverage(n, embassies, rows);
        return {
          nationality: r.nationality,
          mode: r.mode,
          organisation: r.organisationId ? { id: r.organisationId, name: names.get(r.organisationId) ?? '' } : null,
          seat: r.seat,
        };
      }),
    };
  });
}

/**
 * The "no consular path" list: survivors who consented to their own embassy but whose consented nationalities no
 * organisation covers (core/consular consularPath). Never silently nowhere, and never a leak: coordination sees
 * counts per nationality (only survivors who consented to statistics, each published at k or more: core/statistics
 * primary suppression; no total is published, so no line ties the cells); every organisation sees its own cases on
 * the list, which it holds anyway (audited as a survivor read when any is listed).
 */
export async function noConsularPath(app: AppContext, actor: RequestActor): Promise<NoConsularPathView> {
  authorise(actor, 'read', 'report');
  const org = await asActor(app.database, actor, (trx) => actorOrganisation(trx, actor));
  const groups = await asSystem(app.database, async (trx) => {
    const [people, rows, embassies] = [
      await consentingNationalityGroups(trx),
      await listCoverage(trx),
      await residentEmbassies(trx),
    ];
    return people
      .map((p) => ({
        ...p,
        path: consularPath({ nationalities: p.nationalities, shareWithOwnEmbassy: true }, embassies, rows),
      }))
      .filter((p) => p.path.kind === 'no_path');
  });
  const ownCases = groups
    .filter((g) => g.organisationId === actor.organisationId)
    .map((g) => ({ caseId: g.caseId, survivorId: g.survivorId, nationalities: g.nationalities }));
  let byNationality: NoConsularPathView['byNationality'] = [];
  if (org.kind === 'coordination') {
    const counts = new Map<string, number>();
    for (const g of groups.filter((x) => x.statistics)) {
      const key = g.nationalities.length === 1 ? g.nationalities[0]! : g.nationalities.length ? 'multiple' : 'unknown';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const keys = [...counts.keys()].sort();
    const hidden = suppressEntries(
      keys.map((k) => counts.get(k)!),
      [],
    );
    byNationality = keys.map((k, i) => ({ nationality: k, count: hidden[i] ? SUPPRESSED : counts.get(k)! }));
  }
  if (ownCases.length)
    await asActor(app.database, actor, (trx) =>
      audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: 'no_consular_path',
        survivorIds: ownCases.map((c) => c.survivorId),
      }),
    );
  return { byNationality, minimumCell: org.kind === 'coordination' ? MINIMUM_CELL : null, ownCases };
}
