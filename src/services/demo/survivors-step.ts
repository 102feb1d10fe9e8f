import { createRng, pickWeighted, type Rng } from '../../core/random.ts';
import type { CaseStatus, RiskLevel } from '../../core/vocabulary.ts';
import {
  insertCases,
  insertSurvivors,
  type CaseInsert,
  type SurvivorInsert,
} from '../../db/repositories/survivors.repository.ts';
import { sealIdentity, sealLocation } from '../casework/survivor-envelopes.service.ts';
import type { DemoStep } from './load.ts';

// Where cases stand some weeks after a mass exit: most still waiting on documents or travel.
const STATUS_MIX: readonly (readonly [CaseStatus, number])[] = [
  ['open', 12],
  ['assessed', 10],
  ['assisting', 18],
  ['awaiting_documents', 25],
  ['awaiting_travel', 14],
  ['repatriated', 12],
  ['closed', 4],
  ['lost_contact', 5],
];
const RISK_MIX: readonly (readonly [RiskLevel, number])[] = [
  ['low', 25],
  ['medium', 45],
  ['high', 22],
  ['critical', 8],
];

/** A passport-like number (a letter and seven digits), drawn apart from the mixes so they stay as they were. */
function passportNumber(rng: Rng): string {
  return String.fromCharCode(65 + rng.int(26)) + String(rng.int(1e7)).padStart(7, '0');
}

export const survivorsStep: DemoStep = {
  name: 'survivors',
  async run({ app, trx, scenario, ids, seed }) {
    const rng = createRng(seed ^ 0x5eed);
    const passportRng = createRng(seed ^ 0xd0c);
    const survivors: SurvivorInsert[] = [];
    const cases: CaseInsert[] = [];
    for (const s of scenario.survivors) {
      const id = app.newId();
      ids.survivors.set(s.key, id);
      const organisationId = ids.organisations.get(s.registeredByOrgKey)!;
      survivors.push({
        id,
        organisationId,
        registeredBy: ids.users.get(s.registeredByUserKey) ?? null,
        registeredAt: s.registeredAt,
        identityEnc: sealIdentity(app, id, {
          names: s.names,
          dateOfBirth: s.dateOfBirth,
          contacts: s.contacts,
          // Those who kept their passport can read its number out; the rest rarely know it.
          documentNumber: s.documentStatus === 'held' ? passportNumber(passportRng) : null,
        }),
        locationEnc: sealLocation(app, id, s.location.detail),
        sex: s.sex,
        ageBand: s.ageBand,
        nationalities: s.nationalities,
        languages: s.languages,
        documentStatus: s.documentStatus,
        locationKind: s.location.kind,
        locationOrganisationId: s.location.orgKey ? (ids.organisations.get(s.location.orgKey) ?? null) : null,
        compoundRef: null,
        compoundId: s.compoundKey ? (ids.compounds.get(s.compoundKey) ?? null) : null,
        exitMode: s.exitMode,
        exitDate: s.exitDate,
        consentOwnEmbassy: s.consent.shareWithOwnEmbassy,
        consentOrganisationIds: s.consent.shareWithOrgKeys.map((k) => ids.organisations.get(k)!),
        consentStatistics: s.consent.statistics,
        isDemo: true,
        consentCrossOrgMatching: s.consent.crossOrganisationMatching ?? false,
      });
      const caseId = app.newId();
      ids.cases.set(s.key, caseId);
      cases.push({
        id: caseId,
        survivorId: id,
        organisationId,
        status: pickWeighted(rng, STATUS_MIX),
        riskLevel: s.ageBand === 'under_18' ? 'critical' : pickWeighted(rng, RISK_MIX),
        assignedTo: ids.users.get(s.registeredByUserKey) ?? null,
        openedAt: s.registeredAt,
      });
    }
    for (let i = 0; i < survivors.length; i += 500) await insertSurvivors(trx, survivors.slice(i, i + 500));
    for (let i = 0; i < cases.length; i += 500) await insertCases(trx, cases.slice(i, i + 500));
    return survivors.length;
  },
};
