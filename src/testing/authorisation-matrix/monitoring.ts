/**
 * The authorisation matrix's reviewed routes: monitoring (compounds, events, evidence, articles).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { allOf, sensitive, type Expectation } from './world.ts';

export const MONITORING: Record<string, Expectation> = {
  // --- monitoring: shared data without an id -----------------------------------------------
  'GET /api/monitoring/compounds': { none: 'monitoring data is shared across organisations (scope all)', list: true },
  'POST /api/monitoring/compounds': { none: 'creates shared monitoring data' },
  'GET /api/monitoring/compounds.geojson': { none: 'shared monitoring data', list: true },
  'POST /api/monitoring/compounds/import': { none: 'creates shared monitoring data' },
  'GET /api/monitoring/evidence': {
    none: 'shared evidence; restricted items only for monitor analysts and admins',
    list: true,
  },
  'POST /api/monitoring/evidence': { none: 'creates shared evidence' },
  'POST /api/monitoring/evidence/upload': { none: 'creates shared evidence' },
  'POST /api/monitoring/events': { none: 'compound id in the body; shared monitoring data' },
  'GET /api/monitoring/alerts': { none: 'shared monitoring alerts', list: true },
  'GET /api/monitoring/map': { none: 'shared monitoring data; restricted evidence left out for others', list: true },
  // Articles (issue #17): monitoring data of monitor and coordination organisations only; articles.routes.test.ts
  // refuses NGO and viewer sessions on every one, and row-level security shows other organisations nothing.
  'POST /api/monitoring/articles': { none: 'creates shared articles (monitor and coordination organisations only)' },
  'POST /api/monitoring/articles/upload': {
    none: 'creates shared articles (monitor and coordination organisations only)',
  },
  'GET /api/monitoring/stories': { none: 'shared articles grouped into stories (monitor and coordination only)' },
  'GET /api/monitoring/stories/{id}': {
    none: 'one shared story; ids name articles data of no organisation in particular',
  },
  'GET /api/monitoring/article-disagreements': {
    none: 'figures shared articles disagree on (monitor and coordination only)',
  },
  'POST /api/monitoring/article-claims/{id}/review': {
    none: 'reviews a shared claim; analysts and admins of monitor and coordination organisations',
  },
  'GET /api/monitoring/article-feeds': { none: "the caller's organisation's feeds" },
  'POST /api/monitoring/article-feeds': { none: "adds a feed for the caller's organisation" },
  'POST /api/monitoring/article-feeds/poll': { none: "polls the caller's organisation's feeds" },
  // --- monitoring ---------------------------------------------------------------------------
  'GET /api/monitoring/compounds/{id}': { kind: 'compound', permitted: allOf('read:compound@all') },
  'GET /api/monitoring/compounds/{id}/timeline': { kind: 'compound', permitted: allOf('read:compound@all') },
  'GET /api/monitoring/compounds/{id}/events': { kind: 'compound', permitted: allOf('read:compound@all') },
  'PATCH /api/monitoring/compounds/{id}': {
    kind: 'compound',
    permitted: allOf('update:compound@all'),
    body: () => ({ aliases: ['matrix'] }),
  },
  'GET /api/monitoring/evidence/{id}': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/original': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/media': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/thumbnail': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/custody': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'PATCH /api/monitoring/evidence/{id}': {
    kind: 'evidence',
    permitted: sensitive('update:evidence@all'),
    body: () => ({ title: 'matrix' }),
  },
  'POST /api/monitoring/evidence/{id}/verification': {
    kind: 'evidence',
    permitted: (r) => sensitive('verify:evidence@all')(r) || sensitive('update:evidence@all')(r),
    body: () => ({ kind: 'dispute', reasoning: 'matrix positive control' }),
  },
  'POST /api/monitoring/evidence/{id}/retract': {
    kind: 'evidence',
    permitted: sensitive('update:evidence@all'),
    body: () => ({ reason: 'matrix positive control' }),
  },
  'PATCH /api/monitoring/events/{id}': {
    kind: 'event',
    permitted: allOf('update:compound@all'),
    body: () => ({ date: '2025-01-02' }),
  },
  'POST /api/monitoring/alerts/{id}/acknowledge': { kind: 'monitoringAlert', permitted: allOf('update:compound@all') },
  // Closing for everyone: the compound's owner (watch registered it) or coordination (sharing.routes.test.ts refuses
  // others).
  'POST /api/monitoring/alerts/{id}/close': {
    kind: 'monitoringAlert',
    permitted: allOf('update:compound@all'),
    positive: { org: 'watch', role: 'analyst' },
  },
  'GET /api/monitoring/compounds/{id}/history': { kind: 'compound', permitted: allOf('read:compound@all') },
  'GET /api/monitoring/evidence/{id}/history': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'GET /api/monitoring/evidence/{id}/proof': { kind: 'evidence', permitted: sensitive('read:evidence@all') },
  'POST /api/monitoring/events/{id}/retract': {
    kind: 'event',
    permitted: allOf('update:compound@all'),
    body: () => ({ reason: 'matrix positive control' }),
  },
};
