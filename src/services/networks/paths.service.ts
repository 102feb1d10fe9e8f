/**
 * Path finding between two entities (core/networks/paths): one database round trip per level of the search, with
 * relation entities (Ownership, Directorship…) as the hops and entities that point at one another directly (a
 * wallet's holder, a sanction's entity) as hops too. Returns the chain as a small graph the network view highlights.
 */
import { edgeEnds, schemaNamed } from '../../core/networks/ftm.ts';
import { MAX_PATH_HOPS, shortestPath, type PathStep } from '../../core/networks/paths.ts';
import { findEntities, findLinkedAny } from '../../db/repositories/networks/entities.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { notFound } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { presentEntity, type GraphView } from './entities.service.ts';

/** Relations read per level: a frontier touching more is cut (a search that then finds nothing says too_large). */
const LINKS_PER_LEVEL = 5000;

export interface PathView extends GraphView {
  found: boolean;
  reason: 'no_path' | 'too_far' | 'too_large' | null;
  hops: number;
  /** Node ids in order from `from` to `to` (empty when none was found). */
  path: string[];
}

function neighboursIn(trx: Tx, cut: { truncated: boolean }) {
  return async (ids: readonly string[]) => {
    const wanted = new Set(ids);
    const out = new Map<string, PathStep[]>(ids.map((id) => [id, []]));
    const push = (step: PathStep) => {
      if (step.from !== step.to) out.get(step.from)?.push(step);
    };
    const { referencing, own } = await findLinkedAny(trx, ids, LINKS_PER_LEVEL);
    if (referencing.length >= LINKS_PER_LEVEL) cut.truncated = true;
    for (const r of referencing) {
      const ends = edgeEnds(r);
      if (ends) {
        const all = [...ends.source, ...ends.target];
        for (const x of all.filter((e) => wanted.has(e)))
          for (const y of all) push({ from: x, to: y, via: r.id, label: ends.label });
      } else {
        for (const x of r.refs.filter((e) => wanted.has(e)))
          push({ from: x, to: r.id, via: null, label: schemaNamed(r.schema)?.label ?? r.schema });
      }
    }
    for (const o of own) for (const ref of o.refs) push({ from: o.id, to: ref, via: null, label: 'refers to' });
    return out;
  };
}

export async function findPath(
  app: AppContext,
  actor: RequestActor | null,
  q: { from: string; to: string; maxHops?: number },
): Promise<PathView> {
  authoriseNetworks(actor, 'read');
  return asNetworksActor(app, actor, async (trx) => {
    const ends = await findEntities(trx, [q.from, q.to]);
    if (!ends.some((e) => e.id === q.from)) throw notFound('entity "from"');
    if (!ends.some((e) => e.id === q.to)) throw notFound('entity "to"');
    const cut = { truncated: false };
    const r = await shortestPath(q.from, q.to, neighboursIn(trx, cut), { maxHops: q.maxHops ?? MAX_PATH_HOPS });
    if (actor) await audit(trx, app, actor, 'entities.path', 'entity', q.from, { to: q.to, found: r.found });
    // A level cut at LINKS_PER_LEVEL may have hidden the link: say the search was too large, not that none exists.
    const reason = !r.found && r.reason === 'no_path' && cut.truncated ? 'too_large' : r.found ? null : r.reason;
    if (!r.found) return { found: false, reason, hops: 0, path: [], nodes: [], edges: [] };
    const rows = new Map((await findEntities(trx, r.nodes)).map((e) => [e.id, e]));
    return {
      found: true,
      reason: null,
      hops: r.steps.length,
      path: r.nodes,
      nodes: r.nodes.flatMap((id) => (rows.has(id) ? [presentEntity(rows.get(id)!)] : [])),
      edges: r.steps.map((s) => ({
        id: s.via ?? `${s.from}>${s.to}`,
        source: s.from,
        target: s.to,
        label: s.label,
        schema: s.via ? 'relation' : 'reference',
      })),
    };
  });
}
