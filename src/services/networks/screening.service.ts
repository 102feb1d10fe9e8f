/**
 * Screening a name against every imported entity (core/networks screen-index + screen-score), and the protocol
 * shapes around it (yente /match, W3C reconciliation). Reads entities only: survivors are not entities, so no
 * screening result can reveal that a survivor exists. Each request is audited with its counts, never the names.
 */
import {
  reconciliationManifest,
  reconciliationResult,
  screenQueryFromReconciliation,
  screenQueryFromYente,
  yenteFeatures,
  type ReconQuery,
  type YenteQuery,
} from '../../core/networks/protocols.ts';
import type { ScreenCandidate, ScreenQuery } from '../../core/networks/screen-score.ts';
import { findEntities } from '../../db/repositories/networks/entities.repository.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { screenIndexFor } from './screen-cache.service.ts';

export interface ScreenRequest extends ScreenQuery {
  limit?: number;
  threshold?: number;
}

async function runScreens(app: AppContext, queries: readonly ScreenRequest[]): Promise<ScreenCandidate[][]> {
  const index = await screenIndexFor(app.database);
  return queries.map((q) => index.screen(q, { limit: q.limit, threshold: q.threshold }));
}

async function auditScreening(app: AppContext, actor: RequestActor | null, how: string, queries: number, hits: number) {
  if (!actor) return;
  await asNetworksActor(app, actor, (trx) =>
    audit(trx, app, actor, 'entities.screen', 'entity', null, { via: how, queries, matches: hits }),
  );
}

export async function screenName(
  app: AppContext,
  actor: RequestActor | null,
  q: ScreenRequest,
): Promise<ScreenCandidate[]> {
  authoriseNetworks(actor, 'read');
  const [results] = await runScreens(app, [q]);
  await auditScreening(app, actor, 'screen', 1, results!.filter((r) => r.match).length);
  return results!;
}

/** yente's POST /match/{dataset}: the same request and response shape, so clients written for it work. */
export async function matchYente(
  app: AppContext,
  actor: RequestActor | null,
  dataset: string,
  body: { queries: Record<string, YenteQuery> },
  options: { limit: number; threshold: number },
) {
  authoriseNetworks(actor, 'read');
  const keys = Object.keys(body.queries);
  const queries = keys.map((k) => screenQueryFromYente(body.queries[k]!));
  const ran = await runScreens(
    app,
    queries.map((q) => ({ ...(q ?? { name: '' }), limit: options.limit, threshold: options.threshold })),
  );
  const filtered = ran.map((list) => (dataset === 'default' ? list : list.filter((c) => c.datasets.includes(dataset))));
  const ids = [...new Set(filtered.flat().map((c) => c.id))];
  const rows = new Map(
    (await asNetworksActor(app, actor, (trx) => findEntities(trx, ids))).map((r) => [r.id, r] as const),
  );
  await auditScreening(app, actor, 'match', keys.length, filtered.flat().filter((c) => c.match).length);
  const responses: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const results = filtered[i]!.map((c) => {
      const row = rows.get(c.id);
      return {
        id: c.id,
        caption: c.caption,
        schema: c.schema,
        properties: row?.properties ?? {},
        datasets: c.datasets,
        referents: [],
        target: c.topics.includes('sanction'),
        first_seen: row?.first_seen ?? null,
        last_seen: row?.last_seen ?? null,
        score: c.score,
        match: c.match,
        features: yenteFeatures(c),
        explanations: c.features,
      };
    });
    responses[k] = queries[i]
      ? { status: 200, results, total: { value: results.length, relation: 'eq' }, query: body.queries[k] }
      : { status: 400, results: [], total: { value: 0, relation: 'eq' }, query: body.queries[k] };
  });
  return { responses, limit: options.limit };
}

/** W3C Reconciliation Service API queries (OpenRefine). */
export async function reconcile(
  app: AppContext,
  actor: RequestActor | null,
  queries: Record<string, ReconQuery>,
): Promise<Record<string, { result: ReturnType<typeof reconciliationResult>[] }>> {
  authoriseNetworks(actor, 'read');
  const keys = Object.keys(queries);
  const ran = await runScreens(
    app,
    keys.map((k) => ({ ...screenQueryFromReconciliation(queries[k]!), limit: queries[k]!.limit ?? 5 })),
  );
  await auditScreening(app, actor, 'reconcile', keys.length, ran.flat().filter((c) => c.match).length);
  return Object.fromEntries(keys.map((k, i) => [k, { result: ran[i]!.map(reconciliationResult) }]));
}

/** The reconciliation service manifest (for seats that may reconcile). */
export function reconciliationService(actor: RequestActor | null, baseUrl: string) {
  authoriseNetworks(actor, 'read');
  return reconciliationManifest(baseUrl);
}
