/**
 * Analysts add and edit entities and relations by hand (core/networks/hand-edits): validated, with sources, in the
 * analysts' own dataset so that no re-import overwrites or retires them, and audited. Bad input is a 400 and changes
 * nothing; an imported entity is not edited here (it is corrected at its source, or annotated with a hand-made
 * relation or sanction pointing at it).
 */
import { buildHandEntity, type HandEntityInput } from '../../core/networks/hand-edits.ts';
import { isScreenable, schemaNamed } from '../../core/networks/ftm.ts';
import {
  findEntities,
  insertHandEntity,
  updateHandEntity,
} from '../../db/repositories/networks/entities.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { asNetworksActor, authoriseNetworks } from './access.service.ts';
import { rescreenCompounds } from './compound-screening.service.ts';
import { presentEntity, type EntityView } from './entities.service.ts';
import { invalidateScreenIndex } from './screen-cache.service.ts';

/**
 * A hand-made or edited party marked sanctioned may be a compound's operator: the compounds are screened again at
 * once (as after an import), so the hit becomes an alert without waiting for the next import.
 */
async function rescreenIfSanctioned(app: AppContext, actor: RequestActor, e: EntityView): Promise<void> {
  if (isScreenable(e.schema) && (e.properties.topics ?? []).some((t) => t === 'sanction' || t.startsWith('sanction.')))
    await rescreenCompounds(app, actor);
}

/** Builds the entity and checks that everything it refers to is stored (else 400, nothing written). */
async function validated(trx: Tx, id: string, input: HandEntityInput) {
  const built = buildHandEntity(id, input);
  if (!built.ok) throw badRequest(built.fields, 'the entity is not valid; nothing was saved');
  const found = new Set((await findEntities(trx, built.refs)).map((e) => e.id));
  const missing = built.refs.filter((r) => !found.has(r));
  if (missing.length > 0) {
    const props = schemaNamed(input.schema)!.getProperties();
    const fields: Record<string, string> = {};
    for (const [name, values] of Object.entries(built.entity.properties))
      if (props.get(name)?.type.name === 'entity' && values.some((v) => missing.includes(v)))
        fields[`properties.${name}`] = `no entity with id ${values.filter((v) => missing.includes(v)).join(', ')}`;
    throw badRequest(fields, 'the entity refers to entities that are not stored; nothing was saved');
  }
  return built;
}

export async function createHandEntity(
  app: AppContext,
  actor: RequestActor,
  input: HandEntityInput,
): Promise<EntityView> {
  authoriseNetworks(actor, 'create');
  const id = `ra-${app.newId()}`;
  const at = app.now().toISOString();
  const view = await asNetworksActor(app, actor, async (trx) => {
    const built = await validated(trx, id, input);
    await insertHandEntity(trx, built, at, actor.userId);
    await audit(trx, app, actor, 'entities.create', 'entity', id, {
      schema: built.entity.schema,
      properties: Object.keys(built.entity.properties).sort(),
      refs: built.refs,
    });
    const [row] = await findEntities(trx, [id]);
    return presentEntity(row!);
  });
  invalidateScreenIndex(app.database);
  await rescreenIfSanctioned(app, actor, view);
  return view;
}

export async function updateHandEntityById(
  app: AppContext,
  actor: RequestActor,
  id: string,
  input: HandEntityInput,
): Promise<EntityView> {
  authoriseNetworks(actor, 'update');
  const at = app.now().toISOString();
  const view = await asNetworksActor(app, actor, async (trx) => {
    const [before] = await findEntities(trx, [id]);
    if (!before) throw notFound('entity');
    if (before.schema !== input.schema)
      throw badRequest({ schema: `this entity is a ${before.schema}` }, 'the schema of an entity cannot change');
    const built = await validated(trx, id, input);
    if (!(await updateHandEntity(trx, built, at)))
      throw conflict('this entity was imported: correct it at its source, or add a hand-made relation or note to it');
    const changed = [...new Set([...Object.keys(before.properties), ...Object.keys(built.entity.properties)])]
      .filter((k) => JSON.stringify(before.properties[k] ?? []) !== JSON.stringify(built.entity.properties[k] ?? []))
      .sort();
    await audit(trx, app, actor, 'entities.update', 'entity', id, { schema: before.schema, changed });
    const [row] = await findEntities(trx, [id]);
    return presentEntity(row!);
  });
  invalidateScreenIndex(app.database);
  await rescreenIfSanctioned(app, actor, view);
  return view;
}
