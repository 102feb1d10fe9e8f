import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { generateSyntheticPopulation } from './synthetic.ts';
import { survivorSettings } from './synthetic-settings.ts';
import { countCandidatePairs, linkRecords, pairProvenance } from './pipeline.ts';
import { pairwiseMetrics } from './evaluation.ts';
import { explainPair } from './explain.ts';
import { MatchIndex } from './match-index.ts';
import { probabilityFromWeight } from './model.ts';

const records = generateSyntheticPopulation(createRng(21), 4000);
const settings = survivorSettings();
const progress: string[] = [];
const result = await linkRecords({
  settings,
  records,
  rng: createRng(22),
  onProgress: (p) => {
    if (p.done === p.total) progress.push(p.phase);
  },
});

describe('linkRecords on a synthetic multi-script population', () => {
  it('finds the true duplicates with high precision and recall', () => {
    const accepted = new Uint8Array(result.pairs.a.length);
    for (const p of result.accepted) accepted[p] = 1;
    const m = pairwiseMetrics(
      records.map((r) => r.truth),
      null,
      result.pairs.a,
      result.pairs.b,
      (p) => accepted[p] === 1,
    );
    expect(m.precision).toBeGreaterThan(0.95);
    expect(m.recall).toBeGreaterThan(0.85);
  });

  it('learns that agreement is evidence and disagreement is not', () => {
    const { model } = result;
    model.comparators.forEach((c, i) => {
      expect(model.weights[i]![0]).toBeGreaterThan(0);
      expect(model.weights[i]![c.levels.length - 1]).toBeLessThan(0);
      for (const p of model.m[i]!) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      for (const p of model.u[i]!) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
      }
      expect(model.m[i]!.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
    });
    expect(model.lambda).toBeGreaterThan(0);
    expect(model.lambda).toBeLessThan(0.01);
  });

  it('reports progress through every phase', () => {
    for (const phase of ['prepare', 'blocking:pairs', 'compare', 'train:em', 'score', 'cluster'])
      expect(progress).toContain(phase);
  });

  it('counts candidate pairs before comparing, equal to the pairs then compared', () => {
    const counted = countCandidatePairs({ settings, records });
    expect(counted.total).toBe(result.blocking.total);
    expect(result.pairs.a.length).toBe(result.blocking.total + result.shared.compared);
    expect(counted.perRule.map((r) => r.rule)).toEqual(result.blocking.perRule.map((r) => r.rule));
    expect(counted.perRule.reduce((s, r) => s + r.newPairs, 0)).toBe(counted.total);
  });

  it('keeps per-pair provenance matching a fresh explanation of the pair', () => {
    for (const p of [result.accepted[1], 0, result.pairs.a.length - 1]) {
      const prov = pairProvenance(result, p!);
      const fresh = explainPair(result.model, records[result.pairs.a[p!]!]!, records[result.pairs.b[p!]!]!);
      expect(prov).toEqual(fresh.provenance);
      expect(fresh.matchWeight).toBeCloseTo(result.pairs.weight[p!]!, 9);
    }
  });

  it('compares pairs that share an accepted record, and accepts some through it that are mostly right', () => {
    const truth = records.map((r) => r.truth);
    const accepted = new Set(result.accepted);
    const key = (i: number, j: number) => (i < j ? `${i},${j}` : `${j},${i}`);
    const acceptedKeys = new Set([...accepted].map((p) => key(result.pairs.a[p]!, result.pairs.b[p]!)));
    const neighbours = (r: number) =>
      [...accepted].flatMap((p) =>
        result.pairs.a[p] === r ? [result.pairs.b[p]!] : result.pairs.b[p] === r ? [result.pairs.a[p]!] : [],
      );
    expect(result.shared.compared).toBeGreaterThan(0);
    for (let p = result.blocking.total; p < result.pairs.a.length; p++) {
      const [i, j] = [result.pairs.a[p]!, result.pairs.b[p]!];
      expect(neighbours(i).some((x) => acceptedKeys.has(key(x, j)))).toBe(true);
    }
    // Pairs accepted though below the threshold on their own weight: the shared record's doing.
    const lifted = [...accepted].filter(
      (p) => probabilityFromWeight(result.pairs.weight[p]!) < result.operating.threshold,
    );
    expect(lifted).toHaveLength(result.shared.accepted);
    expect(lifted.length).toBeGreaterThan(0);
    const right = lifted.filter((p) => truth[result.pairs.a[p]!] === truth[result.pairs.b[p]!]).length;
    expect(right / lifted.length).toBeGreaterThan(0.6);
  });

  it('clusters accepted pairs and exposes the clusters', () => {
    for (const p of result.accepted)
      expect(result.clusters.clusterOf[result.pairs.a[p]!]).toBe(result.clusters.clusterOf[result.pairs.b[p]!]);
    expect(result.clusters.members.length).toBeGreaterThan(100);
  });

  it('explains a scored pair with provenance that reproduces its weight', () => {
    const p = result.accepted[0]!;
    const left = records[result.pairs.a[p]!]!;
    const right = records[result.pairs.b[p]!]!;
    const ex = explainPair(result.model, left, right);
    expect(ex.matchWeight).toBeCloseTo(result.pairs.weight[p]!, 6);
    expect(ex.matchProbability).toBeCloseTo(probabilityFromWeight(result.pairs.weight[p]!), 9);
    expect(ex.proposed).toBe(true);
    expect(ex.provenance).toMatchObject({
      settingsId: settings.id,
      settingsVersion: settings.version,
      threshold: settings.threshold,
    });
    expect(Object.keys(ex.provenance.levels)).toEqual(settings.comparisons.map((c) => c.name));
    const sum = ex.priorWeight + ex.comparisons.reduce((s, c) => s + c.weight, 0);
    expect(sum).toBeCloseTo(ex.matchWeight, 9);
    for (const c of ex.comparisons) {
      expect(c.explanation.length).toBeGreaterThan(5);
      if (c.level < 0) expect(c.weight).toBe(0);
    }
  });

  it('term-frequency adjustment weighs a common name less than a rare one', () => {
    const { model } = result;
    const c = model.comparators.findIndex((x) => x.name === 'name');
    const tf = model.tf[c]!;
    const sorted = [...tf.entries()].sort((x, y) => y[1] - x[1]);
    const common = sorted[0]![0];
    const rare = sorted[sorted.length - 1]![0];
    const w = (key: string) => Math.log2(model.m[c]![0]! / tf.get(key)!);
    expect(w(common)).toBeLessThan(w(rare));
  });
});

describe('MatchIndex', () => {
  const index = new MatchIndex(result.model);
  for (const r of records.slice(0, 3000)) index.add(r);

  it('finds the registered records of the same person for a new registration', () => {
    let found = 0;
    let expected = 0;
    for (const q of records.slice(3000)) {
      const truthIds = new Set(
        records
          .slice(0, 3000)
          .filter((r) => r.truth === q.truth)
          .map((r) => r.id),
      );
      if (truthIds.size === 0) continue;
      expected++;
      const top = index.score(q, { limit: 3 });
      if (top.some((s) => truthIds.has(s.id) && s.proposed)) found++;
    }
    expect(found / expected).toBeGreaterThan(0.85);
  });

  it('scores consistently with the batch pipeline and carries provenance', () => {
    const q = records[3500]!;
    const scored = index.score(q);
    for (const s of scored) {
      const other = records.find((r) => r.id === s.id)!;
      expect(s.matchWeight).toBeCloseTo(explainPair(result.model, q, other).matchWeight, 9);
      expect(s.provenance.settingsId).toBe(settings.id);
    }
    for (let i = 1; i < scored.length; i++)
      expect(scored[i - 1]!.matchWeight).toBeGreaterThanOrEqual(scored[i]!.matchWeight);
    expect(index.candidates(q).sort()).toEqual(scored.map((s) => s.id).sort());
  });

  it('does not return the record itself and refuses duplicate ids', () => {
    const r = records[10]!;
    expect(index.score(r).some((s) => s.id === r.id)).toBe(false);
    expect(() => index.add(r)).toThrow(/already/);
    expect(index.size).toBe(3000);
  });
});
