import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../testing/authorisation-matrix/access.ts';
import { CARE } from '../../testing/authorisation-matrix/care.ts';
import { CASEWORK } from '../../testing/authorisation-matrix/casework.ts';
import { MATCHING } from '../../testing/authorisation-matrix/matching.ts';
import { MONITORING } from '../../testing/authorisation-matrix/monitoring.ts';
import { NETWORKS } from '../../testing/authorisation-matrix/networks.ts';
import { REPORTING } from '../../testing/authorisation-matrix/reporting.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestServer } from '../../testing/test-server.ts';

/** Every route the server describes is reviewed in exactly one area of the matrix (testing/authorisation-matrix). */
const AREAS = { ACCESS, CARE, CASEWORK, MATCHING, MONITORING, NETWORKS, REPORTING };

describe.each(DATABASE_KINDS)('authorisation matrix coverage on %s', (engine) => {
  let t: TestServer;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestServer(engine);
    const spec = (await t.anonymous().request('GET', '/api/openapi.json')).json;
    routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a reviewed entry for every route in the OpenAPI description, and none for a route that is gone', () => {
    const reviewed = Object.entries(AREAS).flatMap(([area, routesOf]) =>
      Object.keys(routesOf).map((r) => ({ area, r })),
    );
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !reviewed.some((x) => x.r === r))).toEqual([]);
    expect(reviewed.filter((x) => !routes.includes(x.r)).map((x) => `${x.r} (${x.area})`)).toEqual([]);
    // One area per route: two entries could disagree, and only one of them would be what the server is held to.
    expect(reviewed.filter((x, i) => reviewed.findIndex((y) => y.r === x.r) !== i).map((x) => x.r)).toEqual([]);
  });
});
