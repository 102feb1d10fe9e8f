import { explainPair } from '../../core/matching/explain.ts';
import { SurvivorIndex } from '../matching/index-cache.ts';
import { survivorModel } from '../matching/model.ts';
import { survivorRecords } from '../matching/records.ts';
import { storeProposals, type ScoredPair } from '../matching/store.ts';
import type { DemoStep } from './load.ts';

/**
 * Possible matches in the demo: every pair the engine proposes, plus the scenario's deliberate
 * cross-organisation duplicates even where they score below the threshold (stored with their real
 * score and provenance), so the UI has pairs to show. Works from the scenario's clear identities,
 * inside the loader's transaction.
 */
export const matchingSteps: readonly DemoStep[] = [{
  name: 'matching',
  async run({ app, trx, scenario, ids }) {
    const model = survivorModel();
    const index = new SurvivorIndex(model);
    const survivors = scenario.survivors.map((s) => ({
      id: ids.survivors.get(s.key)!, organisationId: ids.organisations.get(s.registeredByOrgKey)!, nationalities: s.nationalities,
      identity: { names: s.names, dateOfBirth: s.dateOfBirth, contacts: s.contacts },
    }));
    for (const s of survivors) index.addSurvivor(s);
    const pairs = new Map<string, ScoredPair>();
    const keyOf = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    for (const s of survivors) {
      for (const c of index.candidatesOf(s.id)) {
        const k = keyOf(s.id, c.survivorId);
        if (!pairs.has(k)) pairs.set(k, { left: { survivorId: s.id, organisationId: s.organisationId }, right: { survivorId: c.survivorId, organisationId: c.organisationId }, score: c.best });
      }
    }
    const byId = new Map(survivors.map((s) => [s.id, s]));
    for (const [ka, kb] of scenario.duplicates) {
      const a = byId.get(ids.survivors.get(ka)!)!;
      const b = byId.get(ids.survivors.get(kb)!)!;
      if (pairs.has(keyOf(a.id, b.id))) continue;
      let best: ReturnType<typeof explainPair> | null = null;
      for (const l of survivorRecords(a)) for (const r of survivorRecords(b)) {
        const e = explainPair(model, l, r);
        if (!best || e.matchWeight > best.matchWeight) best = e;
      }
      if (best) pairs.set(keyOf(a.id, b.id), { left: { survivorId: a.id, organisationId: a.organisationId }, right: { survivorId: b.id, organisationId: b.organisationId }, score: best });
    }
    const { stored } = await storeProposals(trx, app, model, [...pairs.values()], 'demo');
    return stored;
  },
}];
