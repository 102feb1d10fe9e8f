import { ageAt, ageBandOf } from '../../core/age-band.ts';
import {
  discloseSurvivor,
  mayViewLocation,
  type CaseAudience,
  type ReferralLink,
} from '../../core/disclosure/index.ts';
import type { AgeBand, ContactChannel } from '../../core/vocabulary.ts';
import type { SurvivorView } from '../../contracts/casework/survivors.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import type { SurvivorRow } from '../../db/repositories/casework/cases.ts';
import type { AppContext } from '../context.ts';

/** What survivors.identity_enc holds (the demo loader writes the same shape, without `romanisation`). */
export interface SurvivorIdentity {
  names: { value: string; script?: string | null; romanisation?: boolean; preferred: boolean }[];
  dateOfBirth: string | null;
  contacts: { channel: ContactChannel; value: string }[];
}
export interface SurvivorLocationSecret {
  detail: string | null;
}

export function openIdentity(app: AppContext, s: Pick<SurvivorRow, 'id' | 'identityEnc'>): SurvivorIdentity {
  return app.cipher.decryptJson<SurvivorIdentity>(s.identityEnc, encryptionContext('survivors', 'identity_enc', s.id));
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

export const preferredNameOf = (identity: SurvivorIdentity): string | null =>
  (identity.names.find((n) => n.preferred) ?? identity.names[0])?.value ?? null;

/**
 * The survivor record for an audience allowed to open it (core/disclosure discloseSurvivor). The
 * location is decrypted only when the view and mayViewLocation allow this organisation.
 */
export function presentSurvivor(
  app: AppContext,
  audience: CaseAudience,
  s: SurvivorRow,
  viewerOrganisationId: string,
  caseOwnerOrganisationId: string,
  referrals: readonly ReferralLink[],
): SurvivorView {
  const identity = openIdentity(app, s);
  const locationKind = s.locationKind;
  const mayView =
    audience === 'own_organisation' &&
    mayViewLocation(
      viewerOrganisationId,
      { kind: locationKind, placeOrganisationId: s.locationOrganisationId, caseOwnerOrganisationId },
      referrals,
    );
  const detail =
    mayView && s.locationEnc
      ? app.cipher.decryptJson<SurvivorLocationSecret>(
          s.locationEnc,
          encryptionContext('survivors', 'location_enc', s.id),
        ).detail
      : null;
  return discloseSurvivor(audience, {
    id: s.id,
    organisationId: s.organisationId,
    registeredAt: s.registeredAt,
    names: identity.names.map((n) => ({
      value: n.value,
      script: n.script ?? null,
      romanisation: n.romanisation ?? false,
      preferred: n.preferred,
    })),
    preferredName: preferredNameOf(identity),
    sex: s.sex,
    dateOfBirth: identity.dateOfBirth ?? null,
    ageBand: s.ageBand,
    nationalities: s.nationalities,
    languages: s.languages,
    contacts: identity.contacts.map((c) => ({ channel: c.channel, value: c.value })),
    documentStatus: s.documentStatus,
    locationKind,
    location: mayView ? { kind: locationKind, placeOrganisationId: s.locationOrganisationId, detail } : null,
    compound: s.compoundRef,
    exitMode: s.exitMode,
    exitDate: s.exitDate,
    consent: {
      version: s.consentVersion,
      shareWithOwnEmbassy: s.consentOwnEmbassy,
      shareWithOrganisationIds: s.consentOrganisationIds,
      useInStatistics: s.consentStatistics,
      crossOrganisationMatching: s.consentCrossOrgMatching,
    },
  });
}

/** Age band from a date of birth at `now` (whole years). */
export function ageBandFromDateOfBirth(dateOfBirth: string, now: Date): AgeBand {
  return ageBandOf(ageAt(dateOfBirth, now));
}
