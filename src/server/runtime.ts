import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ensureRequestRole, openDatabase, requestRolePassword, type Database } from '../db/database.ts';
import { FieldCipher } from '../db/encryption.ts';
import { loadKeyring } from '../db/keyring.ts';
import { ensurePrivateDir, restrictTree } from '../db/data-dir.ts';
import { LocalBlobStore } from '../db/blob-store.ts';
import { loadAuditKeys } from '../db/audit-key.ts';
import { migrate } from '../db/migrate.ts';
import { syncPermissions } from '../services/accounts.service.ts';
import { sealClearFreeText } from '../services/casework/free-text-seal.service.ts';
import { sealAudit } from '../services/audit.service.ts';
import type { AppContext } from '../services/context.ts';
import { messageTransport } from '../services/message-transports.ts';
import type { Config } from './config.ts';

export interface Runtime {
  app: AppContext;
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the configured database, migrates it and assembles the application context.
 * Shared by `refuge serve` and every other CLI command, so they all see the same system.
 */
export async function openRuntime(config: Config, options: { log?: (line: string) => void } = {}): Promise<Runtime> {
  // The data directory holds the generated key and files even on PostgreSQL: owner-only from the start.
  ensurePrivateDir(config.dataDir);
  const keyring = loadKeyring({
    secretKey: config.secretKey,
    previousKeys: config.previousKeys,
    dataDir: config.dataDir,
  });
  // PostgreSQL: two pools, the owner (DATABASE_URL) for migrations and system work, and requests
  // logging in as refuge_app (DATABASE_APP_URL, or a password derived from the secret key that the
  // owner sets below). PGlite: one superuser backend (README › Database trust).
  const requestPassword = requestRolePassword(keyring.primary.key);
  const database = await openDatabase(
    config.databaseUrl
      ? {
          url: config.databaseUrl,
          requestUrl: config.databaseAppUrl ?? undefined,
          requestPassword,
          poolSize: config.poolSize,
        }
      : { dataDir: join(config.dataDir, 'pglite') },
  );
  try {
    await migrate(database.pool, options.log);
    await ensureRequestRole(database, config.databaseAppUrl ? null : { password: requestPassword });
    const app: AppContext = {
      database,
      cipher: new FieldCipher(keyring),
      blobs: new LocalBlobStore(join(config.dataDir, 'blobs')),
      now: () => new Date(),
      newId: () => randomUUID(),
      limits: { registrationsPerWindow: config.registrationsPerMinute },
      messages: messageTransport(config.messages, options.log ?? console.log),
      auditKeys: loadAuditKeys({
        signingKey: config.auditSigningKey,
        checkpointDir: config.checkpointDir,
        dataDir: config.dataDir,
      }),
    };
    await syncPermissions(app);
    // 0009: free text written in clear before it is moved into envelopes (needs the key, so not in SQL).
    const sealed = await sealClearFreeText(app);
    if (sealed.caseEvents || sealed.referrals)
      options.log?.(`sealed ${sealed.caseEvents} timeline summaries and ${sealed.referrals} referral reasons`);
    if (database.kind === 'pglite') restrictTree(config.dataDir);
    // Whatever this process appended is sealed before it lets go (CLI commands have no background sealer).
    const close = async () => {
      await sealAudit(app).catch(() => undefined);
      await database.close();
    };
    return { app, database, close };
  } catch (error) {
    await database.close();
    throw error;
  }
}
