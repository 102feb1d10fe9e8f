/**
 * Keyset-paginated reads for the exports (services/exports): one page per call, so an export of a
 * million rows holds one page in memory. The case reads select no encrypted column at all (names,
 * contacts, dates of birth, locations, notes): an export cannot leak what it never loaded.
 */
import { sql, type RawBuilder } from 'kysely';
import type { EventCounts } from '../../core/compounds/compound-types.ts';
import type { FootprintGeometry, PointGeometry } from '../../core/geo/geojson-types.ts';
import type { Queryable } from '../transaction.ts';

export interface CaseExportFilter {
  organisationId: string;
  statuses?: readonly string[];
  risks?: readonly string[];
  nationalities?: readonly string[];
  /** Only survivors who consented to statistics (whatever leaves the organisation, de-identified or not). */
  statisticsConsentOnly: boolean;
}

export interface CaseExportRow {
  caseId: string;
  survivorId: string;
  status: string;
  riskLevel: string;
  openedAt: string;
  updatedAt: string;
  registeredAt: string;
  sex: string;
  ageBand: string | null;
  nationalities: string[];
  documentStatus: string;
  exitMode: string;
  exitDate: string | null;
  screeningOutcome: string | null;
  screeningAnswers: Record<string, string> | null;
}

function caseWhere(f: CaseExportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`c.organisation_id = ${f.organisationId}::uuid`];
  if (f.statuses?.length) parts.push(sql`c.status = ANY(${sql.val([...f.statuses])}::text[])`);
  if (f.risks?.length) parts.push(sql`c.risk_level = ANY(${sql.val([...f.risks])}::text[])`);
  if (f.nationalities?.length) parts.push(sql`s.nationalities && ${sql.val([...f.nationalities])}::text[]`);
  if (f.statisticsConsentOnly) parts.push(sql`s.consent_statistics`);
  return sql.join(parts, sql` AND `);
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Newest first on (opened_at, id), like the case list; the latest screening of each case joined in. */
export async function listCaseExportPage(
  trx: Queryable,
  f: CaseExportFilter & { limit: number; after?: { openedAt: string; id: string } },
): Promise<CaseExportRow[]> {
  const after = f.after
    ? sql`AND (c.opened_at, c.id) < (${f.after.openedAt}::timestamptz, ${f.after.id}::uuid)`
    : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.id, c.survivor_id, c.status, c.risk_level, c.opened_at, c.updated_at,
      s.registered_at, s.sex, s.age_band, s.nationalities, s.document_status, s.exit_mode, s.exit_date,
      sc.outcome AS screening_outcome, sc.answers AS screening_answers
    FROM cases c JOIN survivors s ON s.id = c.survivor_id
    LEFT JOIN LATERAL (
      SELECT outcome, answers FROM screenings WHERE case_id = c.id ORDER BY recorded_at DESC, id DESC LIMIT 1
    ) sc ON true
    WHERE ${caseWhere(f)} ${after}
    ORDER BY c.opened_at DESC, c.id DESC
    LIMIT ${f.limit}`.execute(trx);
  return rows.map((r) => ({
    caseId: String(r.id),
    survivorId: String(r.survivor_id),
    status: String(r.status),
    riskLevel: String(r.risk_level),
    openedAt: iso(r.opened_at),
    updatedAt: iso(r.updated_at),
    registeredAt: iso(r.registered_at),
    sex: String(r.sex),
    ageBand: (r.age_band as string | null) ?? null,
    nationalities: (r.nationalities as string[]) ?? [],
    documentStatus: String(r.document_status),
    exitMode: String(r.exit_mode),
    exitDate: r.exit_date === null || r.exit_date === undefined ? null : iso(r.exit_date).slice(0, 10),
    screeningOutcome: (r.screening_outcome as string | null) ?? null,
    screeningAnswers: r.screening_answers ? json<Record<string, string>>(r.screening_answers) : null,
  }));
}

export async function countCaseExport(trx: Queryable, f: CaseExportFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases c JOIN survivors s ON s.id = c.survivor_id WHERE ${caseWhere(f)}`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

export interface EventExportFilter {
  kinds?: readonly string[];
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

export interface EventExportRow {
  id: string;
  compoundId: string;
  compoundNames: { name: string; lang: string | null }[];
  province: string | null;
  point: PointGeometry | null;
  footprint: FootprintGeometry | null;
  kind: string;
  date: string;
  dateEnd: string | null;
  counts: EventCounts;
  nationalities: string[];
  confidence: number;
}

function eventWhere(f: EventExportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`e.retracted_at IS NULL`];
  if (f.kinds?.length) parts.push(sql`e.kind = ANY(${sql.val([...f.kinds])}::text[])`);
  if (f.from) parts.push(sql`e.date >= ${f.from}::date`);
  if (f.to) parts.push(sql`e.date <= ${f.to}::date`);
  return sql.join(parts, sql` AND `);
}

/** Live (unretracted) events, newest first on (date, id), with their compound's names and place. */
export async function listEventExportPage(
  trx: Queryable,
  f: EventExportFilter & { limit: number; after?: { date: string; id: string } },
): Promise<EventExportRow[]> {
  const after = f.after ? sql`AND (e.date, e.id) < (${f.after.date}::date, ${f.after.id}::uuid)` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT e.id, e.compound_id, e.kind, e.date, e.date_end, e.counts, e.nationalities, e.confidence,
      c.names, c.province, c.point, c.footprint
    FROM compound_events e JOIN compounds c ON c.id = e.compound_id
    WHERE ${eventWhere(f)} ${after}
    ORDER BY e.date DESC, e.id DESC
    LIMIT ${f.limit}`.execute(trx);
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  return rows.map((r) => ({
    id: String(r.id),
    compoundId: String(r.compound_id),
    compoundNames: json<{ name: string; lang: string | null }[]>(r.names),
    province: (r.province as string | null) ?? null,
    point: r.point ? json<PointGeometry>(r.point) : null,
    footprint: r.footprint ? json<FootprintGeometry>(r.footprint) : null,
    kind: String(r.kind),
    date: day(r.date),
    dateEnd: r.date_end === null || r.date_end === undefined ? null : day(r.date_end),
    counts: json<EventCounts>(r.counts) ?? {},
    nationalities: (r.nationalities as string[]) ?? [],
    confidence: Number(r.confidence),
  }));
}

export async function countEventExport(trx: Queryable, f: EventExportFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM compound_events e WHERE ${eventWhere(f)}`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

export interface ReportSource {
  publisher: string | null;
  title: string | null;
  url: string | null;
  kind: string;
  state: string;
  acquiredAt: string;
}

/**
 * Published sources behind the monitoring picture, for a situation report: articles and official
 * statements marked public, corroborated or verified, not retracted; never testimony or files.
 */
export async function listReportSources(trx: Queryable, limit: number): Promise<ReportSource[]> {
  const rows = await trx
    .selectFrom('evidence')
    .select(['source_publisher', 'title', 'source_url', 'kind', 'verification_state', 'acquired_at'])
    .where('kind', 'in', ['article', 'official_statement'])
    .where('sensitivity', '=', 'public')
    .where('verification_state', 'in', ['corroborated', 'verified'])
    .where('retracted_at', 'is', null)
    .orderBy('acquired_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    publisher: r.source_publisher,
    title: r.title,
    url: r.source_url,
    kind: r.kind,
    state: r.verification_state,
    acquiredAt: iso(r.acquired_at),
  }));
}
