/** Compounds registry use cases: authorise → core → repositories → audit, one transaction each. */
import {
  CompoundInput,
  type CompoundImportReport,
  type CompoundList,
  type CompoundPatch,
  type CompoundTimeline,
  type CompoundView,
} from '../../contracts/monitoring/compounds.ts';
import type { EditHistory } from '../../contracts/monitoring/edits.ts';
import type { Compound } from '../../core/compounds/compound-types.ts';
import { parseCompoundFeatureCollection } from '../../core/geo/compound-geojson.ts';
import type { GeoProblem } from '../../core/geo/geojson-types.ts';
import { FOOTPRINT_KINDS, validateGeometry } from '../../core/geo/validate-geometry.ts';
import type { CompoundStatus } from '../../core/vocabulary.ts';
import {
  findCompound,
  findCompoundIdsByExternalRef,
  findCompoundsByIds,
  insertCompounds,
  listCompounds,
  lockCompound,
  updateCompound,
  type CompoundName,
  type CompoundRow,
  type CompoundWrite,
} from '../../db/repositories/monitoring/compounds.repository.ts';
import { countLiveEventsAt, listLiveEvents } from '../../db/repositories/monitoring/events.repository.ts';
import { countLiveEvidenceAt } from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { compoundCaseworkCounts } from '../casework/compound-links.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { checkVersion, invalid, notFound } from '../errors.ts';
import { authorise, decodeCursor, encodeCursor } from './access.service.ts';
import { presentCompound, presentCompoundSummary, presentTimeline } from './compound-presenters.ts';
import { timelineFor, today } from './derived-status.service.ts';
import { readEditHistory, recordEdit } from './edit-history.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ring closure and the like, which the zod shape cannot see; each problem named by its field. */
function checkGeometry(point: unknown, footprint: unknown): void {
  const problems = [
    ...(point ? validateGeometry(point, ['Point'], 'body.point') : []),
    ...(footprint ? validateGeometry(footprint, FOOTPRINT_KINDS, 'body.footprint') : []),
  ];
  if (problems.length) throw invalid(Object.fromEntries(problems.map((p) => [p.path, p.message])));
}

async function counts(trx: Queryable, id: string) {
  const [eventCount, evidenceCount] = await Promise.all([countLiveEventsAt(trx, id), countLiveEvidenceAt(trx, id)]);
  return { eventCount, evidenceCount };
}

async function view(trx: Queryable, app: AppContext, c: CompoundRow): Promise<Omit<CompoundView, 'casework'>> {
  const events = await listLiveEvents(trx, [c.id]);
  return presentCompound(c, await counts(trx, c.id), timelineFor(events, today(app)), events);
}

/**
 * Adds the compound's casework counts: a cross-organisation read, so as the system after the actor's transaction
 * (services/casework/compound-links.service.ts suppresses them).
 */
async function withCasework(
  app: AppContext,
  actor: RequestActor,
  v: Promise<Omit<CompoundView, 'casework'>>,
): Promise<CompoundView> {
  const done = await v;
  return { ...done, casework: await compoundCaseworkCounts(app, actor, done.id) };
}

/** The fields a person edits, for the edit history. */
function editableValues(
  c: Pick<CompoundRow, 'names' | 'aliases' | 'province' | 'district' | 'point' | 'footprint' | 'operators' | 'notes'>,
): Record<string, unknown> {
  return {
    names: c.names,
    ...('country' in c && c.country ? { country: c.country } : {}),
    aliases: c.aliases,
    province: c.province,
    district: c.district,
    point: c.point,
    footprint: c.footprint,
    operators: c.operators,
    notes: c.notes,
  };
}

export async function createCompound(
  app: AppContext,
  actor: RequestActor,
  input: CompoundInput,
): Promise<CompoundView> {
  authorise(actor, 'create', 'compound');
  checkGeometry(input.point, input.footprint);
  return withCasework(
    app,
    actor,
    asActor(app.database, actor, async (trx) => {
      const id = app.newId();
      await insertCompounds(trx, [
        {
          id,
          ...input,
          externalRef: null,
          createdBy: actor.userId,
          organisationId: actor.organisationId,
          at: app.now().toISOString(),
        },
      ]);
      await audit(trx, app, actor, 'compound.create', 'compound', id, {});
      return view(trx, app, (await findCompound(trx, id))!);
    }),
  );
}

export async function updateCompoundDetails(
  app: AppContext,
  actor: RequestActor,
  id: string,
  patch: CompoundPatch,
  expectedVersion?: number,
): Promise<CompoundView> {
  authorise(actor, 'update', 'compound');
  checkGeometry(patch.point, patch.footprint);
  return withCasework(
    app,
    actor,
    asActor(app.database, actor, async (trx) => {
      await lockCompound(trx, id);
      const c = await findCompound(trx, id);
      if (!c) throw notFound('compound');
      checkVersion('compound', c.version, expectedVersion);
      const next: CompoundWrite = {
        id,
        names: patch.names ?? c.names,
        country: patch.country ?? c.country,
        aliases: patch.aliases ?? c.aliases,
        province: patch.province !== undefined ? patch.province : c.province,
        district: patch.district !== undefined ? patch.district : c.district,
        point: patch.point !== undefined ? patch.point : c.point,
        footprint: patch.footprint !== undefined ? patch.footprint : c.footprint,
        operators: patch.operators ?? c.operators,
        notes: patch.notes !== undefined ? patch.notes : c.notes,
        externalRef: c.externalRef,
        createdBy: null,
        at: app.now().toISOString(),
      };
      await updateCompound(trx, next);
      await recordEdit(trx, app, actor, { type: 'compound', id }, 'update', editableValues(c), editableValues(next));
      await audit(trx, app, actor, 'compound.update', 'compound', id, { fields: Object.keys(patch).sort() });
      return view(trx, app, (await findCompound(trx, id))!);
    }),
  );
}

export async function getCompound(app: AppContext, actor: RequestActor, id: string): Promise<CompoundView> {
  authorise(actor, 'read', 'compound');
  return withCasework(
    app,
    actor,
    asActor(app.database, actor, async (trx) => {
      const c = await findCompound(trx, id);
      if (!c) throw notFound('compound');
      return view(trx, app, c);
    }),
  );
}

export async function listCompoundPage(
  app: AppContext,
  actor: RequestActor,
  q: { limit: number; cursor?: string; q?: string; province?: string; status?: CompoundStatus },
): Promise<CompoundList> {
  authorise(actor, 'read', 'compound');
  const after = decodeCursor(q.cursor, { c: 'timestamp', i: 'uuid' });
  const rows = await asActor(app.database, actor, (trx) =>
    listCompounds(trx, {
      q: q.q,
      province: q.province,
      status: q.status,
      limit: q.limit + 1,
      after: after ? { createdAt: String(after.c), id: String(after.i) } : undefined,
    }),
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentCompoundSummary),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
  };
}

export async function compoundTimeline(
  app: AppContext,
  actor: RequestActor,
  id: string,
  asOf?: string,
): Promise<CompoundTimeline> {
  authorise(actor, 'read', 'compound');
  return asActor(app.database, actor, async (trx) => {
    if (!(await findCompound(trx, id))) throw notFound('compound');
    const events = await listLiveEvents(trx, [id]);
    const day = asOf ?? today(app);
    return presentTimeline(id, day, timelineFor(events, day), events);
  });
}

/** Imported values must also meet the limits of a compound typed in by hand. */
function contractProblems(c: Compound, index: number): GeoProblem[] {
  const parsed = CompoundInput.safeParse({
    names: c.names.map((name) => ({ name, lang: null })),
    aliases: c.aliases,
    province: c.province,
    district: c.district,
    point: c.point,
    footprint: c.footprint,
    operators: c.operators,
    notes: c.notes,
  });
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    path: `features[${index}].properties.${i.path.join('.')}`,
    code: 'bad_property' as const,
    message: i.message,
  }));
}

/**
 * Imports compounds from GeoJSON. Features whose id is a compound of ours, or an id imported
 * before (external ref), update it; others create a compound. Any problem: nothing is written.
 */
export async function importCompoundsGeoJson(
  app: AppContext,
  actor: RequestActor,
  json: unknown,
  dryRun: boolean,
): Promise<CompoundImportReport> {
  authorise(actor, 'create', 'compound');
  authorise(actor, 'update', 'compound');
  const generated = new Set<string>();
  const parsed = parseCompoundFeatureCollection(json, {
    makeId: (i) => {
      const id = `new:${i}`;
      generated.add(id);
      return id;
    },
  });
  const problems = [...parsed.problems, ...parsed.compounds.flatMap((c, i) => contractProblems(c, i))];
  const features = Array.isArray((json as { features?: unknown })?.features)
    ? (json as { features: unknown[] }).features.length
    : 0;
  if (problems.length > 0 && !dryRun) {
    throw invalid(
      Object.fromEntries(problems.slice(0, 200).map((p) => [`body.${p.path}`, p.message])),
      `${problems.length} problem(s) in the file; nothing was imported`,
    );
  }
  return asActor(app.database, actor, async (trx) => {
    const ownIds = parsed.compounds.map((c) => c.id).filter((id) => UUID.test(id));
    const existing = new Map((await findCompoundsByIds(trx, ownIds)).map((c) => [c.id, c]));
    const refs = parsed.compounds.map((c) => c.id).filter((id) => !generated.has(id) && !existing.has(id));
    const byRef = await findCompoundIdsByExternalRef(trx, refs);
    const refTargets = new Map((await findCompoundsByIds(trx, [...byRef.values()])).map((c) => [c.id, c]));
    const at = app.now().toISOString();
    const creates: CompoundWrite[] = [];
    const updates: CompoundWrite[] = [];
    const ids: string[] = [];
    for (const c of parsed.compounds) {
      const target = existing.get(c.id) ?? refTargets.get(byRef.get(c.id) ?? '');
      // Keep the language of names that are unchanged (GeoJSON carries plain strings).
      const langOf = new Map((target?.names ?? []).map((n) => [n.name, n.lang]));
      const names: CompoundName[] = c.names.map((name) => ({ name, lang: langOf.get(name) ?? null }));
      const write: CompoundWrite = {
        id: target?.id ?? app.newId(),
        names,
        aliases: c.aliases,
        province: c.province,
        district: c.district,
        point: c.point,
        footprint: c.footprint,
        operators: c.operators,
        notes: c.notes,
        externalRef: target ? target.externalRef : generated.has(c.id) ? null : c.id,
        createdBy: actor.userId,
        organisationId: actor.organisationId,
        at,
      };
      (target ? updates : creates).push(write);
      ids.push(write.id);
    }
    const ok = problems.length === 0;
    if (!dryRun && ok) {
      await insertCompounds(trx, creates);
      for (const u of updates) {
        await lockCompound(trx, u.id);
        const before = await findCompound(trx, u.id);
        await updateCompound(trx, u);
        if (before)
          await recordEdit(
            trx,
            app,
            actor,
            { type: 'compound', id: u.id },
            'import',
            editableValues(before),
            editableValues(u),
          );
      }
      for (const c of creates)
        await audit(trx, app, actor, 'compound.create', 'compound', c.id, { via: 'geojson_import' });
      for (const u of updates)
        await audit(trx, app, actor, 'compound.update', 'compound', u.id, { via: 'geojson_import' });
    }
    return {
      dryRun,
      ok,
      features,
      created: creates.length,
      updated: updates.length,
      problems,
      compoundIds: dryRun ? [] : ids,
    };
  });
}

/** Who changed this compound, when, and what the values were before and after. */
export async function compoundHistory(app: AppContext, actor: RequestActor, id: string): Promise<EditHistory> {
  authorise(actor, 'read', 'compound');
  return asActor(app.database, actor, async (trx) => {
    if (!(await findCompound(trx, id))) throw notFound('compound');
    return readEditHistory(trx, app, actor, 'compound', id);
  });
}
