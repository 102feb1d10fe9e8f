/** A survivor's record as an audience sees it (core/disclosure decides which fields). */
import {
  discloseSurvivor,
  mayViewLocation,
  type CaseAudience,
  type ReferralLink,
} from '../../core/disclosure/index.ts';
import type { SurvivorView } from '../../contracts/casework/survivors.ts';
import type { SurvivorRow } from '../../db/repositories/casework/cases.repository.ts';
import type { AppContext } from '../context.ts';
import { openIdentity, openLocationDetail, type SurvivorIdentity } from './survivor-envelopes.service.ts';

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
  compoundLink: SurvivorView['compoundLink'] = null,
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
  const detail = mayView && s.locationEnc ? openLocationDetail(app, s.id, s.locationEnc) : null;
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
    documentNumber: identity.documentNumber ?? null,
    locationKind,
    location: mayView ? { kind: locationKind, placeOrganisationId: s.locationOrganisationId, detail } : null,
    compound: s.compoundRef,
    compoundLink,
    exitMode: s.exitMode,
    exitDate: s.exitDate,
    consent: {
      version: s.consentVersion,
      shareWithOwnEmbassy: s.consentOwnEmbassy,
      shareWithOrganisationIds: s.consentOrganisationIds,
      useInStatistics: s.consentStatistics,
      crossOrganisationMatching: s.consentCrossOrgMatching,
      embassyNationalities: s.consentEmbassyNationalities,
      testimonyToMonitoring: s.consentTestimony,
    },
    protection: s.protectionFlags,
  });
}
