/**
 * Reading networks: one entity with its relations (the relation entities naming it and the entities at their other
 * end), the neighbourhood a network view expands on click, and the streamed export in FtM JSON lines.
 */
import { edgeEnds, schemaNamed, toFtmLine, type FtmEntity } from '../../core/networks/ftm.ts';
import {
  countEntities,
  findCompoundLinksOfEntity,
  findEntities,
  findReferencing,
  pageEntities,
  type EntityRow,
} from '../../db/repositories/networks/entities.repository.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { notFound } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';

export interface EntityView extends FtmEntity {
  label: string;
  disappearedAt: string | null;
  sanctioned: boolean;
}

export interface RelationView {
  /** The relation entity (Ownership, Directorship, Sanction…). */
  relation: EntityView;
  /** The entity at the other end, if it is stored. */
  other: EntityView | null;
  /** 'out' when this entity is the relation's source (owner, director), 'in' when its target. */
  direction: 'out' | 'in' | 'none';
  label: string;
}

export interface GraphView {
  nodes: EntityView[];
  edges: { id: string; source: string; target: string; label: string; schema: string }[];
}

const RELATION_LIMIT = 500;

export function presentEntity(e: EntityRow): EntityView {
  return {
    id: e.id,
    schema: e.schema,
    label: schemaNamed(e.schema)?.label ?? e.schema,
    caption: e.caption,
    properties: e.properties,
    datasets: e.datasets,
    first_seen: e.first_seen,
    last_seen: e.last_seen,
    disappearedAt: e.disappearedAt,
    sanctioned: (e.properties.topics ?? []).includes('sanction'),
  };
}

export async function getEntity(
  app: AppContext,
  actor: RequestActor | null,
  id: string,
): Promise<{
  entity: EntityView;
  relations: RelationView[];
  sanctions: EntityView[];
  compounds: { compoundId: string; name: string; role: string }[];
}> {
  authoriseNetworks(actor, 'read');
  return asNetworksActor(app, actor, async (trx) => {
    const [row] = await findEntities(trx, [id]);
    if (!row) throw notFound('entity');
    const referencing = await findReferencing(trx, id, RELATION_LIMIT);
    const sanctions = referencing.filter((r) => r.schema === 'Sanction');
    const edges = referencing.filter((r) => r.schema !== 'Sanction');
    const otherIds = new Set<string>();
    for (const r of edges) {
      const ends = edgeEnds(r);
      for (const o of [...(ends?.source ?? []), ...(ends?.target ?? [])]) if (o !== id) otherIds.add(o);
    }
    const others = new Map((await findEntities(trx, [...otherIds])).map((o) => [o.id, o]));
    const relations: RelationView[] = edges.map((r) => {
      const ends = edgeEnds(r);
      const out = ends?.source.includes(id) ?? false;
      const otherId = (out ? ends?.target : ends?.source)?.find((o) => o !== id);
      const other = otherId ? others.get(otherId) : undefined;
      return {
        relation: presentEntity(r),
        other: other ? presentEntity(other) : null,
        direction: ends ? (out ? 'out' : 'in') : 'none',
        label: ends?.label ?? r.schema,
      };
    });
    if (actor) await audit(trx, app, actor, 'entities.read', 'entity', id, {});
    const compounds = await findCompoundLinksOfEntity(trx, id);
    return { entity: presentEntity(row), relations, sanctions: sanctions.map(presentEntity), compounds };
  });
}

/** The entity and everything one relation away, as nodes and edges (relation entities become edges). */
export async function entityNeighbourhood(app: AppContext, actor: RequestActor | null, id: string): Promise<GraphView> {
  const { entity, relations, sanctions } = await getEntity(app, actor, id);
  const nodes = new Map<string, EntityView>([[entity.id, entity]]);
  const edges: GraphView['edges'] = [];
  for (const r of relations) {
    if (!r.other) continue;
    nodes.set(r.other.id, r.other);
    const [source, target] = r.direction === 'in' ? [r.other.id, entity.id] : [entity.id, r.other.id];
    edges.push({ id: r.relation.id, source, target, label: r.label, schema: r.relation.schema });
  }
  for (const s of sanctions) {
    nodes.set(s.id, s);
    edges.push({ id: `${s.id}:entity`, source: s.id, target: entity.id, label: 'sanctions', schema: 'Sanction' });
  }
  return { nodes: [...nodes.values()], edges };
}

export async function entityCounts(app: AppContext, actor: RequestActor | null) {
  authoriseNetworks(actor, 'read');
  return asNetworksActor(app, actor, (trx) => countEntities(trx));
}

/** FtM JSON lines, page by page as they are read (never the whole table in memory). */
export async function* exportEntities(
  app: AppContext,
  actor: RequestActor | null,
  options: { dataset?: string; includeDisappeared?: boolean; pageSize?: number } = {},
): AsyncGenerator<string> {
  authoriseNetworks(actor, 'read');
  const size = options.pageSize ?? 2000;
  await asNetworksActor(app, actor, (trx) =>
    audit(trx, app, actor, 'entities.export', 'entity', null, { dataset: options.dataset ?? null }),
  );
  let after: string | null = null;
  for (;;) {
    const page: EntityRow[] = await asNetworksActor(app, actor, (trx) => pageEntities(trx, after, size, options));
    for (const e of page) yield `${toFtmLine(e)}\n`;
    if (page.length < size) return;
    after = page[page.length - 1]!.id;
  }
}
