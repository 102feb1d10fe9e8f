/**
 * The authorisation matrix's reviewed routes: matching (duplicate proposals, blind link requests).
 * Keys are `METHOD /path/{param}` as OpenAPI writes them; the checks are in ./world.ts.
 */
import { allOf, type Expectation } from './world.ts';

export const MATCHING: Record<string, Expectation> = {
  'GET /api/matching/proposals': { none: "matches involving the caller's organisation", list: true },
  'POST /api/matching/dedupe': { none: "starts a de-duplication job for the caller's organisation" },
  // --- matching ---------------------------------------------------------------------------
  'GET /api/matching/survivors/{id}/proposals': { kind: 'survivor', permitted: allOf('read:match@org') },
  'GET /api/matching/proposals/{id}': { kind: 'proposal', permitted: allOf('read:match@org') },
  'POST /api/matching/survivors/{id}/check': { kind: 'survivor', permitted: allOf('create:match@org') },
  'PATCH /api/matching/proposals/{id}': {
    kind: 'proposal',
    permitted: allOf('update:match@org'),
    body: () => ({ decision: 'confirm' }),
  },
  // Blind matching: only the holder (alpha, who registered first) decides the link request the system raised.
  'PATCH /api/matching/link-requests/{id}': {
    kind: 'link',
    permitted: allOf('update:match@org'),
    body: () => ({ state: 'declined', reason: 'not the same person' }),
  },
};
