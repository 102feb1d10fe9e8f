import { loadDemoMonitoring } from '../monitoring/demo-data.service.ts';
import type { DemoStep } from './load.ts';

/** Demo data for monitoring, loaded after organisations, users and survivors (before casework). */
export const monitoringStep: DemoStep = {
  name: 'monitoring',
  async run({ app, trx, scenario, ids, seed }) {
    // Evidence is acquired by the monitor organisation's analysts; a second analyst signs off verified items.
    const monitorOrg = scenario.organisations.find((o) => o.kind === 'monitor');
    const analystKeys = scenario.users
      .filter((u) => u.memberships.some((m) => m.role === 'analyst'))
      .map((u) => u.key)
      .sort(
        (a, b) =>
          Number(!scenario.users.find((u) => u.key === a)!.memberships.some((m) => m.orgKey === monitorOrg?.key)) -
          Number(!scenario.users.find((u) => u.key === b)!.memberships.some((m) => m.orgKey === monitorOrg?.key)),
      );
    const first = ids.users.get(analystKeys[0] ?? '') ?? ids.users.values().next().value!;
    const second = ids.users.get(analystKeys[1] ?? '') ?? first;
    const counts = await loadDemoMonitoring({
      app,
      trx,
      scenario,
      compoundIds: ids.compounds,
      organisationId: monitorOrg ? (ids.organisations.get(monitorOrg.key) ?? null) : null,
      analysts: [first, second],
      seed,
    });
    return counts.compounds + counts.events + counts.evidence;
  },
};

export const monitoringSteps: readonly DemoStep[] = [monitoringStep];
