/**
 * The authorisation matrix's reviewed routes: reporting (dashboards, public statistics, exports, report schedules).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { type Expectation } from './world.ts';

export const REPORTING: Record<string, Expectation> = {
  'GET /api/reports/dashboard': {
    none: "aggregates of what the caller's organisation may see (dashboard.routes.test.ts: cross-organisation figures suppressed)",
  },
  'GET /api/public/statistics': { none: 'the published release and verified compounds, public by design' },
  'POST /api/public/releases': {
    none: 'coordination organisations only (public-statistics.routes.test.ts refuses every other organisation and role)',
  },
  'GET /api/coordination/summary': { none: 'aggregates per nationality' },
  // --- exports: streamed files of the caller's organisation or of shared data ----------------
  'GET /api/exports/cases': {
    none: "the caller's organisation's own cases only (export report and read case@org; exports.routes.test.ts)",
    list: true,
  },
  'GET /api/exports/deidentified_cases': {
    none: "the caller's organisation's statistics-consenting survivors, de-identified (export report)",
    list: true,
  },
  'GET /api/exports/compounds': {
    none: 'shared monitoring data (read compound), like the compounds GeoJSON',
    list: true,
  },
  'GET /api/exports/events': { none: 'shared monitoring data (read compound)', list: true },
  'GET /api/exports/figures': {
    none: 'aggregates per nationality through the suppression code (export report)',
    list: true,
  },
  'GET /api/exports/situation-report.pdf': {
    none: 'aggregates through the suppression code and shared monitoring data (export report and read compound)',
  },
  'GET /api/reports/schedules': { none: "the caller's organisation's schedules (row-level security)", list: true },
  'POST /api/reports/schedules': { none: "schedules a report in the caller's organisation (export report)" },
  'DELETE /api/reports/schedules/{id}': {
    none: "a schedule of the caller's organisation; another organisation's is 404 (report-schedules.routes.test.ts)",
  },
  'GET /api/reports/generated': { none: "the caller's organisation's produced reports", list: true },
  'GET /api/reports/generated/{id}': {
    none: "a report of the caller's organisation; another organisation's is 404 (report-schedules.routes.test.ts)",
  },
};
