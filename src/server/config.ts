import { resolve } from 'node:path';
import type { MessagesConfig } from '../services/message-transports.ts';

/** Everything configurable, read from the environment once (README › Configuration). */
export interface Config {
  port: number;
  host: string;
  /** Embedded database and files live here (PGlite data, blobs, generated keyring). */
  dataDir: string;
  /** postgres://… selects a PostgreSQL server instead of embedded PGlite. */
  databaseUrl: string | null;
  /**
   * postgres://… the request connection logs in with; default: databaseUrl's server as refuge_app, password derived
   * from the secret key.
   */
  databaseAppUrl: string | null;
  demo: boolean;
  secretKey: string | undefined;
  previousKeys: string | undefined;
  secureCookies: boolean;
  /** How many reverse proxies in front of the server to believe about the client (X-Forwarded-For/-Proto); 0 = none. */
  trustProxyHops: number;
  logRequests: boolean;
  poolSize: number;
  /** Ed25519 key that signs audit tree heads (PKCS#8 PEM or base64 DER); default: generated in the data directory. */
  auditSigningKey: string | undefined;
  /** Where signed audit checkpoints are written; default `<dataDir>/checkpoints`. */
  checkpointDir: string | undefined;
  /**
   * Registrations per account per minute (REFUGE_REGISTRATIONS_PER_MINUTE; default core/matching/blind.ts
   * REGISTRATION_RATE_LIMIT).
   */
  registrationsPerMinute: number | undefined;
  /** How messages to a help request's contact leave (REFUGE_MESSAGES_*; default: written to the log only). */
  messages: MessagesConfig;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not ${value}`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.REFUGE_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    databaseAppUrl: env.DATABASE_APP_URL || null,
    demo: !['0', 'false', 'no'].includes((env.REFUGE_DEMO ?? '1').toLowerCase()),
    secretKey: env.REFUGE_SECRET_KEY || undefined,
    previousKeys: env.REFUGE_PREVIOUS_KEYS || undefined,
    secureCookies: env.REFUGE_SECURE_COOKIES === '1',
    trustProxyHops: readTrustProxyHops(env),
    logRequests: env.REFUGE_LOG_REQUESTS === '1',
    poolSize: Number(env.REFUGE_DB_POOL ?? 10),
    registrationsPerMinute: env.REFUGE_REGISTRATIONS_PER_MINUTE
      ? positive('REFUGE_REGISTRATIONS_PER_MINUTE', env.REFUGE_REGISTRATIONS_PER_MINUTE)
      : undefined,
    auditSigningKey: env.REFUGE_AUDIT_SIGNING_KEY || undefined,
    checkpointDir: env.REFUGE_CHECKPOINT_DIR ? resolve(env.REFUGE_CHECKPOINT_DIR) : undefined,
    messages: readMessagesConfig(env),
  };
}

/**
 * REFUGE_TRUST_PROXY is a number of proxy hops (0 by default): with N, the client address is the one
 * the N-th proxy from this server reports and nothing further left in X-Forwarded-For is believed,
 * so a client cannot pick its own address (and escape the per-address sign-in limit) by sending the
 * header itself. `true` or a list of addresses is refused rather than guessed at.
 */
export function readTrustProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = (env.REFUGE_TRUST_PROXY ?? '0').trim();
  if (!/^\d{1,2}$/.test(raw))
    throw new Error(
      `REFUGE_TRUST_PROXY must be the number of reverse proxies in front of Refuge (0, 1, 2, …), not ${raw}`,
    );
  return Number(raw);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * REFUGE_MESSAGES_TRANSPORT (log | webhook), REFUGE_MESSAGES_WEBHOOK_URL and REFUGE_MESSAGES_WEBHOOK_SECRET. A
 * webhook must be https (contacts and texts cross the network), except to a relay on this machine; its secret must be
 * long enough not to be guessed. Anything else is refused at start rather than guessed at.
 */
export function readMessagesConfig(env: NodeJS.ProcessEnv = process.env): MessagesConfig {
  const transport = (env.REFUGE_MESSAGES_TRANSPORT ?? 'log').trim().toLowerCase();
  if (transport === 'log') return { transport: 'log' };
  if (transport !== 'webhook')
    throw new Error(`REFUGE_MESSAGES_TRANSPORT must be log or webhook, not ${env.REFUGE_MESSAGES_TRANSPORT}`);
  const raw = env.REFUGE_MESSAGES_WEBHOOK_URL ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('REFUGE_MESSAGES_WEBHOOK_URL must be the gateway’s URL when REFUGE_MESSAGES_TRANSPORT=webhook');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new Error(
      'REFUGE_MESSAGES_WEBHOOK_URL must be https:// (or http:// to localhost, for a relay on this machine)',
    );
  const secret = env.REFUGE_MESSAGES_WEBHOOK_SECRET ?? '';
  if (secret.length < 16)
    throw new Error(
      'REFUGE_MESSAGES_WEBHOOK_SECRET must be at least 16 characters when REFUGE_MESSAGES_TRANSPORT=webhook',
    );
  return { transport: 'webhook', url: url.toString(), secret };
}
