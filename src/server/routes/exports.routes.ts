import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_DATASETS, EXPORT_ROWS_HEADER, ExportQuery, DATASET_FORMATS } from '../../contracts/exports.ts';
import { exportDataset } from '../../services/exports/exports.service.ts';
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
  };
