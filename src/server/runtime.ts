import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type Database } from '../db/database.ts';
import { FieldCipher } from '../db/encryption.ts';
import { loadKeyring } from '../db/keyring.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { loadAuditKeys } from '../db/audit-key.ts';
import { migrate } from '../db/migrate.ts';
import { syncPermissions } from '../services/accounts.ts';
import { sealAudit } from '../services/audit.ts';
import type { AppContext } from '../services/context.ts';
import type { Config } from './config.ts';

export interface Runtime { app: AppContext; database: Database; close(): Promise<void> }

/**
 * Opens the configured database, migrates it and assembles the application context.
 * Shared by `refuge serve` and every other CLI command, so they all see the same system.
 */
export async function openRuntime(config: Config, options: { log?: (line: string) => void } = {}): Promise<Runtime> {
  const database = await openDatabase(config.databaseUrl
    ? { url: config.databaseUrl, poolSize: config.poolSize }
    : { dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(database.pool, options.log);
    const keyring = loadKeyring({ secretKey: config.secretKey, previousKeys: config.previousKeys, dataDir: config.dataDir });
    const app: AppContext = {
      database, cipher: new FieldCipher(keyring), blobs: new LocalBlobStore(join(config.dataDir, 'blobs')),
      now: () => new Date(), newId: () => randomUUID(),
      auditKeys: loadAuditKeys({ signingKey: config.auditSigningKey, checkpointDir: config.checkpointDir, dataDir: config.dataDir }),
    };
    await syncPermissions(app);
    // Whatever this process appended is sealed before it lets go (CLI commands have no background sealer).
    const close = async () => { await sealAudit(app).catch(() => undefined); await database.close(); };
    return { app, database, close };
  } catch (error) {
    await database.close();
    throw error;
  }
}
