import { explainPair } from '../../core/matching/explain.ts';
import type { MatchSurvivorRow } from '../../db/repositories/matching/survivors.repository.ts';
import { storeCrossOrganisationPairs } from '../matching/blind.service.ts';
import { SurvivorIndex } from '../matching/index-cache.ts';
import { survivorModel } from '../matching/model.service.ts';
import { survivorRecords } from '../matching/records.service.ts';
import { storeProposals, type ScoredPair } from '../matching/store.service.ts';
import type { DemoStep } from './load.ts';

/**
 * Possible matches in the demo: every pair the engine proposes, plus the scenario's deliberate
 * cross-organisation duplicates even where they score below the threshold (stored with their real
 * score and provenance), so the UI has pairs to show. Pairs across organisations go the blind way
 * (core/matching/blind.ts): proposed to the holder only where both survivors consented to
 * cross-organisation matching, never shown to the seeker. Works from the scenario's clear
 * identities, inside the loader's transaction; the probing rule is not applied to generated data.
 */
export const matchingSteps: readonly DemoStep[] = [
  {
    name: 'matching',
    async run({ app, trx, scenario, ids }) {
      const model = survivorModel();
      const index = new SurvivorIndex(model);
      const survivors = scenario.survivors.map((s) => ({
        id: ids.survivors.get(s.key)!,
        organisationId: ids.organisations.get(s.registeredByOrgKey)!,
        nationalities: s.nationalities,
        identity: { names: s.names, dateOfBirth: s.dateOfBirth, contacts: s.contacts },
        registeredAt: s.registeredAt,
        registeredBy: ids.users.get(s.registeredByUserKey) ?? null,
        crossOrganisationMatching: s.consent.crossOrganisationMatching ?? false,
      }));
      for (const s of survivors) index.addSurvivor(s);
      const pairs = new Map<string, ScoredPair>();
      const keyOf = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
      for (const s of survivors) {
        for (const c of index.candidatesOf(s.id)) {
          const k = keyOf(s.id, c.survivorId);
          if (!pairs.has(k))
            pairs.set(k, {
              left: { survivorId: s.id, organisationId: s.organisationId },
              right: { survivorId: c.survivorId, organisationId: c.organisationId },
              score: c.best,
            });
        }
      }
      const byId = new Map(survivors.map((s) => [s.id, s]));
      for (const [ka, kb] of scenario.duplicates) {
        const a = byId.get(ids.survivors.get(ka)!)!;
        const b = byId.get(ids.survivors.get(kb)!)!;
        if (pairs.has(keyOf(a.id, b.id))) continue;
        let best: ReturnType<typeof explainPair> | null = null;
        for (const l of survivorRecords(a))
          for (const r of survivorRecords(b)) {
            const e = explainPair(model, l, r);
            if (!best || e.matchWeight > best.matchWeight) best = e;
          }
        if (best)
          pairs.set(keyOf(a.id, b.id), {
            left: { survivorId: a.id, organisationId: a.organisationId },
            right: { survivorId: b.id, organisationId: b.organisationId },
            score: best,
          });
      }
      const all = [...pairs.values()];
      const same = all.filter((p) => p.left.organisationId === p.right.organisationId);
      const cross = all.filter((p) => p.left.organisationId !== p.right.organisationId);
      const { stored } = await storeProposals(trx, app, model, same, 'demo');
      // What the blind path reads of each survivor: registration, account and current consent (identities are not
      // needed).
      const rows = new Map<string, MatchSurvivorRow>(
        survivors.map((s) => [
          s.id,
          {
            id: s.id,
            organisationId: s.organisationId,
            registeredAt: s.registeredAt,
            identityEnc: '',
            sex: 'unknown',
            nationalities: [...s.nationalities],
            consentOwnEmbassy: false,
            consentOrganisationIds: [],
            consentCrossOrgMatching: s.crossOrganisationMatching,
            registeredBy: s.registeredBy,
          },
        ]),
      );
      const blind = await storeCrossOrganisationPairs(trx, app, model, cross, rows, 'demo', { probing: false });
      return stored + blind.newProposals;
    },
  },
];
