import { deploymentMode, markDemoPurged, purgeDemoRows } from '../../db/repositories/deployment.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import { audit, type AuditActor } from '../audit.service.ts';
import type { AppContext } from '../context.ts';

export interface DemoPurgeReport {
  previousMode: 'demo' | 'production' | null;
  removed: Record<string, number>;
  cleared: Record<string, number>;
  files: number;
}

/**
 * `refuge demo purge`: removes every demo organisation, account, person, record and file and leaves
 * a production deployment, in one transaction with an audit event that carries the summary. The
 * audit log itself is append-only and keeps the history of the demo (the events name fictional
 * ids only). File bytes are removed after the commit; a crash in between leaves encrypted files
 * whose keys are gone with their rows, which a second purge does not need to find.
 */
export async function purgeDemo(app: AppContext, by: AuditActor | null = null): Promise<DemoPurgeReport> {
  const result = await asSystem(app.database, async (trx) => {
    const previousMode = await deploymentMode(trx);
    const { removed, cleared, blobKeys } = await purgeDemoRows(trx);
    await markDemoPurged(trx, app.now().toISOString());
    await audit(trx, app, by, 'demo.purge', 'deployment', null, {
      previousMode,
      removed,
      cleared,
      files: blobKeys.length,
    });
    return { previousMode, removed, cleared, blobKeys };
  });
  for (const key of result.blobKeys) await app.blobs.delete(key);
  return {
    previousMode: result.previousMode,
    removed: result.removed,
    cleared: result.cleared,
    files: result.blobKeys.length,
  };
}
