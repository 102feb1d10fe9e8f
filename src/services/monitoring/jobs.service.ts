import type { JobHandler } from '../jobs.service.ts';
import { listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import { recomputeCompounds } from './derived-status.service.ts';

/**
 * Background jobs of monitoring. Silence matters in the timeline (a mass exit followed by 30
 * quiet days becomes "emptied"), so statuses and alerts are also recomputed as days pass, not
 * only when events change: `monitoring.recompute` does every compound.
 */
export const monitoringJobs: Record<string, JobHandler> = {
  'monitoring.recompute': async (_job, { app, progress }) => {
    const ids = (await asSystem(app.database, (trx) => listAllCompounds(trx))).map((c) => c.id);
    await progress({ phase: 'recomputing', done: 0, total: ids.length });
    const alerts = await asSystem(app.database, (trx) => recomputeCompounds(trx, app, ids));
    await progress({ phase: 'recomputing', done: ids.length, total: ids.length });
    return { compounds: ids.length, alerts: alerts.length };
  },
};
