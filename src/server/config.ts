import { resolve } from 'node:path';

/** Everything configurable, read from the environment once (README › Configuration). */
export interface Config {
  port: number;
  host: string;
  /** Embedded database and files live here (PGlite data, blobs, generated keyring). */
  dataDir: string;
  /** postgres://… selects a PostgreSQL server instead of embedded PGlite. */
  databaseUrl: string | null;
  demo: boolean;
  secretKey: string | undefined;
  previousKeys: string | undefined;
  secureCookies: boolean;
  logRequests: boolean;
  poolSize: number;
  /** Ed25519 key that signs audit tree heads (PKCS#8 PEM or base64 DER); default: generated in the data directory. */
  auditSigningKey: string | undefined;
  /** Where signed audit checkpoints are written; default `<dataDir>/checkpoints`. */
  checkpointDir: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.REFUGE_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    demo: !['0', 'false', 'no'].includes((env.REFUGE_DEMO ?? '1').toLowerCase()),
    secretKey: env.REFUGE_SECRET_KEY || undefined,
    previousKeys: env.REFUGE_PREVIOUS_KEYS || undefined,
    secureCookies: env.REFUGE_SECURE_COOKIES === '1',
    logRequests: env.REFUGE_LOG_REQUESTS === '1',
    poolSize: Number(env.REFUGE_DB_POOL ?? 10),
    auditSigningKey: env.REFUGE_AUDIT_SIGNING_KEY || undefined,
    checkpointDir: env.REFUGE_CHECKPOINT_DIR ? resolve(env.REFUGE_CHECKPOINT_DIR) : undefined,
  };
}
