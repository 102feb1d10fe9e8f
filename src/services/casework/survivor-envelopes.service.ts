/**
 * What survivors.identity_enc and survivors.location_enc hold, sealed for writes (registration,
 * the demo) and opened for reads (presenters, matching). Both directions live here so that the
 * encryption context a cell is sealed under is the one it is opened with.
 */
import type { ContactChannel } from '../../core/vocabulary.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import type { SurvivorRow } from '../../db/repositories/casework/cases.repository.ts';
import type { AppContext } from '../context.ts';

/** What survivors.identity_enc holds (the demo loader writes the same shape, without `romanisation`). */
export interface SurvivorIdentity {
  names: { value: string; script?: string | null; romanisation?: boolean; preferred: boolean }[];
  dateOfBirth: string | null;
  contacts: { channel: ContactChannel; value: string }[];
  /** Their own passport or identity card number (absent in envelopes sealed before it was asked). */
  documentNumber?: string | null;
}
export interface SurvivorLocationSecret {
  detail: string | null;
}

export function sealIdentity(app: AppContext, survivorId: string, identity: SurvivorIdentity): string {
  return app.cipher.encryptJson(identity, encryptionContext('survivors', 'identity_enc', survivorId));
}

export function sealLocation(app: AppContext, survivorId: string, detail: string | null | undefined): string | null {
  return detail
    ? app.cipher.encryptJson(
        { detail } satisfies SurvivorLocationSecret,
        encryptionContext('survivors', 'location_enc', survivorId),
      )
    : null;
}

export function openIdentity(app: AppContext, s: Pick<SurvivorRow, 'id' | 'identityEnc'>): SurvivorIdentity {
  return app.cipher.decryptJson<SurvivorIdentity>(s.identityEnc, encryptionContext('survivors', 'identity_enc', s.id));
}

export function openLocationDetail(app: AppContext, survivorId: string, locationEnc: string): string | null {
  return app.cipher.decryptJson<SurvivorLocationSecret>(
    locationEnc,
    encryptionContext('survivors', 'location_enc', survivorId),
  ).detail;
}
