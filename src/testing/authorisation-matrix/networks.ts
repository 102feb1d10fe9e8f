/**
 * The authorisation matrix's reviewed routes: networks (FtM entities, shared by every seat that reads entities).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { type Expectation } from './world.ts';

export const NETWORKS: Record<string, Expectation> = {
  // --- networks: FtM entities, shared by every seat that reads entities (analysts, admins); no organisation owns
  // them, so there is nothing of another organisation's to reach. Refusal of other roles: networks.routes.test.ts.
  'GET /api/networks/summary': { none: 'entity counts (read entity@all)', list: true },
  'GET /api/networks/entities/{id}': { none: 'shared network data (read entity@all); the id is an FtM id' },
  'GET /api/networks/entities/{id}/graph': { none: 'shared network data (read entity@all); the id is an FtM id' },
  'GET /api/networks/entities.ftm.json': { none: 'shared network data, streamed (read entity@all)', list: true },
  'POST /api/networks/imports': { none: 'creates shared network data (create entity@all)' },
  'GET /api/networks/alerts': { none: 'shared sanctions-hit alerts (read entity@all)', list: true },
  'POST /api/networks/screen-compounds': { none: 'screens shared compounds against shared entities' },
  'POST /api/networks/compound-links': { none: 'links a shared compound to a shared entity (update entity@all)' },
  'POST /api/networks/entities': { none: 'creates shared network data by hand (create entity@all)' },
  'PUT /api/networks/entities/{id}': { none: 'edits shared hand-made network data (update entity@all); an FtM id' },
  'GET /api/networks/path': { none: 'a path between two shared entities (read entity@all); FtM ids' },
  'POST /api/networks/transfers': { none: 'creates shared wallet transfers (create entity@all)' },
  'GET /api/networks/transfers/trace': {
    none: 'flows between wallet addresses, shared network data (read entity@all)',
  },
  'GET /api/networks/transfers/summary': { none: 'a count of shared wallet transfers (read entity@all)', list: true },
  'POST /api/screen': { none: 'screens a name against shared entities; survivors are never read' },
  'POST /api/match/{dataset}': { none: "yente's /match over shared entities; the parameter is a dataset name" },
  'GET /api/reconcile': { none: 'W3C reconciliation over shared entities (read entity@all)' },
  'POST /api/reconcile': { none: 'W3C reconciliation over shared entities (read entity@all)' },
};
