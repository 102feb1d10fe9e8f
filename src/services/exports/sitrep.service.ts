/**
 * The situation report: one click, one PDF. Key figures come from the same services as the home
 * page and the coordination view (services/statistics.service.ts), so they went through the same
 * suppression code; the map, the alerts and the sources are the shared monitoring picture. Casework
 * alerts are left out: they are about individual survivors, and a situation report is made to be
 * passed on.
 */
import type { Readable } from 'node:stream';
import { listReportSources, type ReportSource } from '../../db/repositories/exports.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import { authorise } from '../casework/access.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { listMonitoringAlerts } from '../monitoring/alerts.service.ts';
import { mapData } from '../monitoring/map.service.ts';
import { disagreementsForReport } from '../monitoring/articles-read.service.ts';
import { coordinationStatistics, homeStatistics } from '../statistics.service.ts';
import { renderSitrepPdf, type SitrepData } from './sitrep-pdf.ts';

const TOP_ALERTS = 8;
const SOURCES = 12;

export async function situationReportData(app: AppContext, actor: RequestActor): Promise<SitrepData> {
  authorise(actor, 'export', 'report');
  authorise(actor, 'read', 'compound');
  const [home, coordination, map, alerts] = await Promise.all([
    homeStatistics(app, actor),
    coordinationStatistics(app, actor),
    mapData(app, actor),
    listMonitoringAlerts(app, actor, { limit: TOP_ALERTS, status: 'open' }),
  ]);
  const sources: ReportSource[] = await asActor(app.database, actor, (trx) => listReportSources(trx, SOURCES));
  const disagreements = await disagreementsForReport(app, actor);
  const names = new Map(map.compounds.map((c) => [c.id, c.name]));
  return {
    generatedAt: app.now().toISOString(),
    home,
    coordination,
    compounds: map.compounds.map((c) => ({ name: c.name, status: c.status, point: c.point, footprint: c.footprint })),
    alerts: alerts.items.map((a) => ({
      title: a.title,
      severity: a.severity,
      date: a.date,
      compound: names.get(a.compoundId) ?? null,
    })),
    sources,
    ...(disagreements ? { disagreements } : {}),
  };
}

export async function situationReport(
  app: AppContext,
  actor: RequestActor,
): Promise<{ filename: string; body: Readable }> {
  const data = await situationReportData(app, actor);
  await asActor(app.database, actor, (trx) =>
    audit(trx, app, actor, 'export.create', 'export', app.newId(), {
      dataset: 'situation_report',
      format: 'pdf',
      filter: {},
      scope: data.home.scope,
      compounds: data.compounds.length,
      alerts: data.alerts.length,
      sources: data.sources.length,
    }),
  );
  return { filename: `refuge-situation-report-${data.generatedAt.slice(0, 10)}.pdf`, body: renderSitrepPdf(data) };
}
