import { DEMO_ADMIN_KEY } from '../../core/demo/users.ts';
import { insertPublicRelease } from '../../db/repositories/public-releases.repository.ts';
import { nextRelease } from '../public-statistics.service.ts';
import type { DemoStep } from './load.ts';

/**
 * The demo's first public release, published by the demo coordination organisation's administrator through the same
 * builder and checks as a real one, so the public page shows figures from the first start. Its figures are
 * aggregates of the fictional population; `refuge demo purge` removes it with the demo organisations.
 */
export const reportingSteps: readonly DemoStep[] = [
  {
    name: 'public release',
    async run({ app, trx, scenario, ids }) {
      const coordination = scenario.organisations.find((o) => o.kind === 'coordination');
      const organisationId = coordination && ids.organisations.get(coordination.key);
      const createdBy = ids.users.get(DEMO_ADMIN_KEY);
      if (!organisationId || !createdBy) return 0;
      const { outcome, seq } = await nextRelease(trx);
      if (!outcome.ok) return 0;
      await insertPublicRelease(trx, {
        id: app.newId(),
        seq,
        createdAt: app.now().toISOString(),
        minimumCell: outcome.figures.minimumCell,
        withheldForDifferencing: outcome.withheldForDifferencing,
        figures: outcome.figures,
        organisationId,
        createdBy,
      });
      return 1;
    },
  },
];
