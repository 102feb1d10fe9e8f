import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import {
  DATASET_FORMATS,
  EXPORT_DATASETS,
  EXPORT_ROWS_HEADER,
  ExportQuery,
  GeneratedReport,
  ReportScheduleInput,
  ReportScheduleView,
} from '../../contracts/exports.ts';
import { exportDataset } from '../../services/exports/exports.service.ts';
import {
  createReportSchedule,
  deleteSchedule,
  downloadGenerated,
  listGenerated,
  listSchedules,
} from '../../services/exports/report-schedules.service.ts';
import { situationReport } from '../../services/exports/sitrep.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

const SUMMARIES: Record<(typeof EXPORT_DATASETS)[number], string> = {
  cases: "The organisation's cases without names (export report and read case)",
  deidentified_cases: 'De-identified cases aligned with the IOM HTCDS: statistics-consenting survivors only',
  compounds: 'Compounds (the list filters apply)',
  events: 'Events at compounds (kind and date filters)',
  figures: 'Per-nationality figures after small-cell suppression (HXL for the Humanitarian Data Exchange)',
};

/** Downloads: each streamed as it is read, with its row count in a header; the services authorise and audit. */
export const exportRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['exports'];
    for (const dataset of EXPORT_DATASETS) {
      app.get(
        `/api/exports/${dataset}`,
        {
          schema: {
            tags,
            summary: `${SUMMARIES[dataset]}; as ${DATASET_FORMATS[dataset].join(', ')}`,
            querystring: ExportQuery,
          },
        },
        async (request, reply) => {
          const file = await exportDataset(deps.app, requireActor(request), dataset, request.query);
          return reply
            .header('content-type', file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'no-store')
            .header(EXPORT_ROWS_HEADER, String(file.rows))
            .send(file.body);
        },
      );
    }

    app.get(
      '/api/exports/situation-report.pdf',
      { schema: { tags, summary: 'A situation report (PDF): key figures, compound map, top alerts, sources' } },
      async (request, reply) => {
        const report = await situationReport(deps.app, requireActor(request));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${report.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(report.body);
      },
    );

    app.get(
      '/api/reports/schedules',
      {
        schema: {
          tags,
          summary: "The organisation's scheduled situation reports",
          response: { 200: z.object({ items: z.array(ReportScheduleView) }) },
        },
      },
      async (request) => ({ items: await listSchedules(deps.app, requireActor(request)) }),
    );
    app.post(
      '/api/reports/schedules',
      {
        schema: {
          tags,
          summary: 'Schedule the situation report (daily or weekly, UTC hour); it runs as the account that made it',
          body: ReportScheduleInput,
          response: { 201: ReportScheduleView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createReportSchedule(deps.app, requireActor(request), request.body)),
    );
    app.delete(
      '/api/reports/schedules/:id',
      { schema: { tags, summary: 'Stop a scheduled situation report', params: IdParams } },
      async (request, reply) => {
        await deleteSchedule(deps.app, requireActor(request), request.params.id);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/reports/generated',
      {
        schema: {
          tags,
          summary: "The organisation's scheduled reports that have been produced, newest first",
          response: { 200: z.object({ items: z.array(GeneratedReport) }) },
        },
      },
      async (request) => ({ items: await listGenerated(deps.app, requireActor(request)) }),
    );
    app.get(
      '/api/reports/generated/:id',
      { schema: { tags, summary: 'Download one produced situation report (PDF)', params: IdParams } },
      async (request, reply) => {
        const file = await downloadGenerated(deps.app, requireActor(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(file.bytes);
      },
    );
  };
