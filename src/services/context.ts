import type { Database } from '../db/database.ts';
import type { FieldCipher } from '../db/encryption.ts';
import type { BlobStore } from '../db/blob-store.ts';
import type { AuditKeys } from '../db/audit-key.ts';
import type { Role } from '../core/vocabulary.ts';
import type { MessageTransport } from './message-transports.ts';

/** What every use case may touch: the database, field encryption, file storage and the clock. */
export interface AppContext {
  readonly database: Database;
  readonly cipher: FieldCipher;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Deployment overrides of built-in limits (README › Configuration). */
  readonly limits?: {
    /**
     * Registrations one account may make per REGISTRATION_RATE_LIMIT.windowSeconds (default
     * REGISTRATION_RATE_LIMIT.hits).
     */
    readonly registrationsPerWindow?: number;
  };
  /** Where messages to a help request's contact go (default: the log transport, writing to stdout). */
  readonly messages?: MessageTransport;
  /** The audit log's signing key (outside the database) and checkpoint directory; needed to seal. */
  readonly auditKeys?: AuditKeys;
}

/** The signed-in person acting in one organisation, as resolved from their session. */
export interface RequestActor {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly requestId: string | null;
  /**
   * The raw token of the session this actor signed in with (the cookie, or a job session's token).
   * asActor hands it to the database, which derives user and organisation from it for row-level security.
   */
  readonly sessionToken: string;
}
