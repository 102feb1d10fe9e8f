import type { TestClient } from './test-server.ts';

/** A registration body for tests; override any field. */
export function survivorBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    names: [{ value: 'Siti Rahayu', script: 'Latn', preferred: true }],
    sex: 'female',
    ageBand: '25_34',
    nationalities: ['ID'],
    languages: ['id'],
    contacts: [
      { channel: 'whatsapp', value: '+62 812 0000 0001' },
      { channel: 'telegram', value: '@siti_test' },
    ],
    documentStatus: 'confiscated',
    location: { kind: 'street', detail: 'near the night market' },
    compound: 'KK Park',
    exitMode: 'escaped',
    consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
    ...overrides,
  };
}

export async function register(
  c: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<{ survivorId: string; caseId: string }> {
  const res = await c.request('POST', '/api/survivors', survivorBody(overrides));
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.body}`);
  return res.json;
}

export const consent = (extra: Record<string, unknown> = {}) => ({
  shareWithOwnEmbassy: false,
  shareWithOrganisationIds: [],
  useInStatistics: false,
  method: 'verbal',
  ...extra,
});
