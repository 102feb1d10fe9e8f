/**
 * Exports, streamed and audited. Who may take what (authorised before anything is read or written):
 * - cases (identifying ids, no names): export report and read case in the organisation's own scope;
 * - deidentified_cases (HTCDS): export report and read report; statistics-consenting survivors only;
 * - figures: export report; the figures are the suppressed coordination figures (services/statistics);
 * - compounds, events: read compound, like the map and the compounds GeoJSON (shared monitoring data).
 *
 * Streaming rather than a background job: rows are read a keyset page at a time, each page in its
 * own transaction as the actor (row-level security applies), and written out as they come, so
 * memory stays flat and no copy of survivor data is ever stored on the server (a job would have to
 * keep the file somewhere until it was fetched). Progress: the row count is known before the first
 * byte (EXPORT_ROWS_HEADER), and the page shows rows or bytes received against it.
 *
 * Audit: one `export.create` entry (dataset, format, filter, row count) before the first row, and
 * for survivor-derived datasets one `survivor.read` entry per page listing the survivors read, in
 * the page's transaction: an export is a read of every survivor in it.
 */
import { Readable } from 'node:stream';
import { DATASET_FORMATS, type ExportDataset, type ExportFormat, type ExportQuery } from '../../contracts/exports.ts';
import {
  CASE_COLUMNS,
  COMPOUND_COLUMNS,
  EVENT_COLUMNS,
  FIGURE_COLUMNS,
  type CaseFacts,
  type CompoundFacts,
  type EventFacts,
  type FigureFacts,
} from '../../core/exports/datasets.ts';
import { HTCDS_COLUMNS, type DeidentifiedCaseFacts } from '../../core/exports/htcds.ts';
import { csvChunks, featureCollectionChunks, type ExportColumn } from '../../core/exports/table.ts';
import { compoundToFeature } from '../../core/geo/compound-geojson.ts';
import { representativePoint } from '../../core/geo/distance.ts';
import {
  countCaseExport,
  countEventExport,
  listCaseExportPage,
  listEventExportPage,
  type CaseExportFilter,
  type CaseExportRow,
  type EventExportFilter,
  type EventExportRow,
} from '../../db/repositories/exports.repository.ts';
import {
  countCompoundsMatching,
  listCompounds,
  type CompoundListRow,
} from '../../db/repositories/monitoring/compounds.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise } from '../casework/access.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { coordinationStatistics } from '../statistics.service.ts';
import { xlsxStream } from './xlsx.ts';

/** Rows per keyset page (one transaction each). */
export const EXPORT_PAGE = 500;

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Data rows (features for GeoJSON) the file will hold, counted before the first one is read. */
  rows: number;
  body: Readable;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  hxl: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};
const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', hxl: 'hxl.csv', xlsx: 'xlsx', geojson: 'geojson' };

/** Which filters a dataset reads, so that the audit entry records exactly the filter applied. */
function filterOf(dataset: ExportDataset, q: ExportQuery): Record<string, unknown> {
  const pick = (keys: (keyof ExportQuery)[]) =>
    Object.fromEntries(keys.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
  if (dataset === 'cases') return pick(['status', 'risk', 'nationality']);
  if (dataset === 'deidentified_cases') return pick(['status', 'nationality']);
  if (dataset === 'compounds') return pick(['compoundStatus', 'province', 'q']);
  if (dataset === 'events') return pick(['kind', 'from', 'to']);
  return {};
}

/** Serialises rows in the asked format. */
export function encodeTable<R>(
  format: Exclude<ExportFormat, 'geojson'>,
  sheetName: string,
  columns: readonly ExportColumn<R>[],
  rows: AsyncIterable<R> | Iterable<R>,
): Readable {
  if (format === 'xlsx') return xlsxStream(sheetName, columns, rows);
  return Readable.from(csvChunks(columns, rows, format === 'hxl' ? 'hxl' : 'csv'));
}

/** Pages of a keyset read, each in its own actor transaction, with an optional audit per page. */
async function* paged<Row, K>(
  app: AppContext,
  actor: RequestActor,
  read: (trx: Parameters<Parameters<typeof asActor>[2]>[0], after: K | undefined) => Promise<Row[]>,
  keyOf: (row: Row) => K,
  onPage?: (trx: Parameters<Parameters<typeof asActor>[2]>[0], rows: Row[]) => Promise<unknown>,
): AsyncGenerator<Row> {
  let after: K | undefined;
  for (;;) {
    const page = await asActor(app.database, actor, async (trx) => {
      const rows = await read(trx, after);
      if (rows.length && onPage) await onPage(trx, rows);
      return rows;
    });
    yield* page;
    if (page.length < EXPORT_PAGE) return;
    after = keyOf(page[page.length - 1]!);
  }
}

const caseKey = (r: CaseExportRow) => ({ openedAt: r.openedAt, id: r.caseId });

function caseFacts(r: CaseExportRow): CaseFacts {
  return {
    caseId: r.caseId,
    survivorId: r.survivorId,
    status: r.status,
    riskLevel: r.riskLevel,
    openedAt: r.openedAt,
    updatedAt: r.updatedAt,
    registeredAt: r.registeredAt,
    sex: r.sex,
    ageBand: r.ageBand,
    nationalities: r.nationalities,
    documentStatus: r.documentStatus,
    exitMode: r.exitMode,
    screeningOutcome: r.screeningOutcome,
  };
}

function compoundName(names: readonly { name: string; lang: string | null }[], fallback: string): string {
  return names.find((n) => n.lang === 'en')?.name ?? names[0]?.name ?? fallback;
}

function compoundFacts(c: CompoundListRow): CompoundFacts {
  const p = representativePoint(c.point, c.footprint);
  return {
    id: c.id,
    name: compoundName(c.names, c.id),
    aliases: c.aliases,
    province: c.province,
    district: c.district,
    lon: p ? p[0] : null,
    lat: p ? p[1] : null,
    status: c.status,
    statusSince: c.statusSince,
    statusConfidence: c.statusConfidence,
    eventCount: c.eventCount,
    evidenceCount: c.evidenceCount,
    updatedAt: c.updatedAt,
  };
}

function eventFacts(e: EventExportRow): EventFacts {
  const p = representativePoint(e.point, e.footprint);
  return {
    id: e.id,
    compoundId: e.compoundId,
    compoundName: compoundName(e.compoundNames, e.compoundId),
    province: e.province,
    kind: e.kind,
    date: e.date,
    dateEnd: e.dateEnd,
    peopleLeaving: e.counts.peopleLeaving ?? null,
    arrests: e.counts.arrests ?? null,
    rescues: e.counts.rescues ?? null,
    deaths: e.counts.deaths ?? null,
    nationalities: e.nationalities,
    confidence: e.confidence,
    lon: p ? p[0] : null,
    lat: p ? p[1] : null,
  };
}

/** An event as a GeoJSON Point feature at its compound (free-text description left out). */
function eventFeature(e: EventFacts) {
  const { lon, lat, ...properties } = e;
  return {
    type: 'Feature' as const,
    id: e.id,
    geometry: lon === null || lat === null ? null : { type: 'Point' as const, coordinates: [lon, lat] },
    properties,
  };
}

/** Compounds matching the list filters, newest first, a page per transaction. */
export function compoundRows(
  app: AppContext,
  actor: RequestActor,
  f: { q?: string; province?: string; status?: ExportQuery['compoundStatus'] },
): AsyncGenerator<CompoundListRow> {
  return paged(
    app,
    actor,
    (trx, after: { createdAt: string; id: string } | undefined) =>
      listCompounds(trx, { ...f, limit: EXPORT_PAGE, after }),
    (c) => ({ createdAt: c.createdAt, id: c.id }),
  );
}

/** Counts the compounds and records the export; the rows are then read page by page. */
export async function startCompoundExport(
  app: AppContext,
  actor: RequestActor,
  format: ExportFormat,
  f: { q?: string; province?: string; status?: ExportQuery['compoundStatus'] },
): Promise<{ rows: number; compounds: AsyncGenerator<CompoundListRow> }> {
  authorise(actor, 'read', 'compound');
  const filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
  const rows = await asActor(app.database, actor, async (trx) => {
    const n = await countCompoundsMatching(trx, f);
    await audit(trx, app, actor, 'export.create', 'export', app.newId(), {
      dataset: 'compounds',
      format,
      filter,
      rows: n,
    });
    return n;
  });
  return { rows, compounds: compoundRows(app, actor, f) };
}

/** The compounds as a GeoJSON FeatureCollection, streamed (core/geo/compound-geojson.ts shapes each feature). */
export async function compoundsGeoJson(
  app: AppContext,
  actor: RequestActor,
  f: { q?: string; province?: string; status?: ExportQuery['compoundStatus'] },
): Promise<{ rows: number; body: Readable }> {
  const { rows, compounds } = await startCompoundExport(app, actor, 'geojson', f);
  async function* features() {
    for await (const c of compounds)
      yield compoundToFeature({
        id: c.id,
        names: c.names.map((n) => n.name),
        aliases: c.aliases,
        province: c.province,
        district: c.district,
        point: c.point,
        footprint: c.footprint,
        operators: c.operators,
        notes: c.notes,
      });
  }
  return { rows, body: Readable.from(featureCollectionChunks(features())) };
}

function authoriseDataset(actor: RequestActor, dataset: ExportDataset): void {
  if (dataset === 'compounds' || dataset === 'events') {
    authorise(actor, 'read', 'compound');
    return;
  }
  authorise(actor, 'export', 'report');
  if (dataset === 'cases') {
    const scope = authorise(actor, 'read', 'case');
    if (scope !== 'organisation' && scope !== 'all')
      throw forbidden('only the organisation holding the cases exports them');
  } else authorise(actor, 'read', 'report');
}

/**
 * One export: authorise, count and record it, then hand back a stream that reads and writes the rows as the client
 * takes them.
 */
export async function exportDataset(
  app: AppContext,
  actor: RequestActor,
  dataset: ExportDataset,
  query: ExportQuery,
): Promise<ExportFile> {
  authoriseDataset(actor, dataset);
  const format = query.format;
  if (!DATASET_FORMATS[dataset].includes(format))
    throw invalid({ 'querystring.format': `${dataset} is exported as ${DATASET_FORMATS[dataset].join(', ')}` });
  const day = app.now().toISOString().slice(0, 10);
  const file = (rows: number, body: Readable): ExportFile => ({
    filename: `refuge-${dataset.replaceAll('_', '-')}-${day}.${EXTENSIONS[format]}`,
    contentType: CONTENT_TYPES[format],
    rows,
    body,
  });
  const filter = filterOf(dataset, query);
  const exportId = app.newId();
  const record = (trx: Parameters<Parameters<typeof asActor>[2]>[0], rows: number) =>
    audit(trx, app, actor, 'export.create', 'export', exportId, { dataset, format, filter, rows });

  if (dataset === 'compounds') {
    const f = { q: query.q, province: query.province, status: query.compoundStatus };
    if (format === 'geojson') {
      const { rows, body } = await compoundsGeoJson(app, actor, f);
      return file(rows, body);
    }
    const { rows, compounds } = await startCompoundExport(app, actor, format, f);
    async function* facts() {
      for await (const c of compounds) yield compoundFacts(c);
    }
    return file(rows, encodeTable(format, 'compounds', COMPOUND_COLUMNS, facts()));
  }

  if (dataset === 'events') {
    const f: EventExportFilter = { kinds: query.kind, from: query.from, to: query.to };
    const rows = await asActor(app.database, actor, async (trx) => {
      const n = await countEventExport(trx, f);
      await record(trx, n);
      return n;
    });
    async function* facts() {
      for await (const e of paged(
        app,
        actor,
        (trx, after: { date: string; id: string } | undefined) =>
          listEventExportPage(trx, { ...f, limit: EXPORT_PAGE, after }),
        (e) => ({ date: e.date, id: e.id }),
      ))
        yield eventFacts(e);
    }
    if (format === 'geojson') {
      async function* features() {
        for await (const e of facts()) yield eventFeature(e);
      }
      return file(rows, Readable.from(featureCollectionChunks(features())));
    }
    return file(rows, encodeTable(format, 'events', EVENT_COLUMNS, facts()));
  }

  if (dataset === 'figures') {
    const figures = await coordinationStatistics(app, actor);
    const rows: FigureFacts[] = figures.rows.map((r) => ({
      nationality: r.nationality,
      registered: r.registered,
      awaitingDocuments: r.awaiting_documents,
      awaitingTravel: r.awaiting_travel,
      repatriated: r.repatriated,
      lostContact: r.lost_contact,
      bottleneck: r.bottleneck,
      date: figures.generatedAt.slice(0, 10),
    }));
    await asActor(app.database, actor, (trx) =>
      audit(trx, app, actor, 'export.create', 'export', exportId, {
        dataset,
        format,
        filter,
        rows: rows.length,
        scope: figures.scope,
      }),
    );
    return file(rows.length, encodeTable(format as 'csv' | 'xlsx' | 'hxl', 'figures', FIGURE_COLUMNS, rows));
  }

  // Survivor-derived: the organisation's own cases only (the export leaves the screen, so no
  // embassy or referral view is offered), read as the actor.
  const deidentified = dataset === 'deidentified_cases';
  const f: CaseExportFilter = {
    organisationId: actor.organisationId,
    statuses: query.status,
    risks: deidentified ? undefined : query.risk,
    nationalities: query.nationality,
    statisticsConsentOnly: deidentified,
  };
  const rows = await asActor(app.database, actor, async (trx) => {
    const n = await countCaseExport(trx, f);
    await record(trx, n);
    return n;
  });
  const caseRows = paged(
    app,
    actor,
    (trx, after: { openedAt: string; id: string } | undefined) =>
      listCaseExportPage(trx, { ...f, limit: EXPORT_PAGE, after }),
    caseKey,
    (trx, page) =>
      audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: 'export',
        exportId,
        dataset,
        survivorIds: page.map((r) => r.survivorId),
      }),
  );
  if (!deidentified) {
    async function* facts() {
      for await (const r of caseRows) yield caseFacts(r);
    }
    return file(rows, encodeTable(format as 'csv' | 'xlsx', 'cases', CASE_COLUMNS, facts()));
  }
  async function* deidentifiedFacts(): AsyncGenerator<DeidentifiedCaseFacts> {
    let n = 0;
    for await (const r of caseRows)
      yield {
        recordNumber: ++n,
        sex: r.sex,
        ageBand: r.ageBand,
        nationalities: r.nationalities,
        status: r.status,
        registeredAt: r.registeredAt,
        exitDate: r.exitDate,
        exitMode: r.exitMode,
        documentStatus: r.documentStatus,
        screeningOutcome: r.screeningOutcome,
        screeningAnswers: r.screeningAnswers,
      };
  }
  return file(rows, encodeTable(format as 'csv' | 'xlsx', 'cases', HTCDS_COLUMNS, deidentifiedFacts()));
}
