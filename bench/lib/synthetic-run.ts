/** One benchmark run on a synthetic population (run in its own process so peak RSS is its own). */
import { performance } from 'node:perf_hooks';
import { createRng } from '../../src/core/random.ts';
import { generateSyntheticPopulation } from '../../src/core/matching/synthetic.ts';
import { survivorSettings } from '../../src/core/matching/synthetic-settings.ts';
import { linkRecords } from '../../src/core/matching/pipeline.ts';
import { clusterPairwiseMetrics, pairwiseMetrics } from '../../src/core/matching/evaluation.ts';
import { createLevelsPool } from '../../src/core/matching/parallel/levels-pool.ts';
import { MatchIndex } from '../../src/core/matching/match-index.ts';

export interface SyntheticRunResult {
  records: number;
  seconds: number;
  /** CPU seconds of all threads (wall time suffers when other processes share the 2 cores). */
  cpuSeconds: number;
  phases: Record<string, number>;
  /** CPU seconds (both threads) at the end of each phase, cumulative. */
  phasesCpu: Record<string, number>;
  pairs: number;
  /** Compared pairs per CPU second of the comparison phase alone. */
  pairsPerSecondPerCore: number;
  /** Compared pairs per CPU second of the whole linkage (prepare, block, compare, train, score, cluster). */
  pairsPerCpuSecond: number;
  peakRssMb: number;
  precision: number;
  recall: number;
  f1: number;
  /** F1 of the pairs implied by the clusters (transitive closure). */
  clusterF1: number;
  index?: { records: number; queries: number; p50ms: number; p95ms: number; buildSeconds: number };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runSynthetic(n: number, withIndex: boolean): Promise<SyntheticRunResult> {
  const records = generateSyntheticPopulation(createRng(1), n);
  const settings = survivorSettings();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSeconds = () => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1e6;
  };
  const phases: Record<string, number> = {};
  const phaseCpu: Record<string, number> = {};
  const pool = createLevelsPool(settings.comparisons);
  const result = await linkRecords({
    settings,
    records,
    rng: createRng(2),
    levels: pool,
    onProgress: (p) => {
      if (p.done === p.total) {
        phases[p.phase] = (performance.now() - t0) / 1000;
        phaseCpu[p.phase] = cpuSeconds();
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const totalCpu = cpuSeconds();
  await pool.close();
  const accepted = new Uint8Array(result.pairs.a.length);
  for (const p of result.accepted) accepted[p] = 1;
  const m = pairwiseMetrics(
    records.map((r) => r.truth),
    null,
    result.pairs.a,
    result.pairs.b,
    (p) => accepted[p] === 1,
  );
  // CPU seconds of both threads while comparing: a per-core rate that other load on the machine does not skew.
  const compareCpu = phaseCpu.compare! - (phaseCpu['blocking:pairs'] ?? 0);
  const out: SyntheticRunResult = {
    records: n,
    seconds,
    phases,
    phasesCpu: phaseCpu,
    pairs: result.pairs.a.length,
    cpuSeconds: totalCpu,
    pairsPerSecondPerCore: result.pairs.a.length / Math.max(compareCpu, 1e-9),
    pairsPerCpuSecond: result.pairs.a.length / Math.max(totalCpu, 1e-9),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    clusterF1: clusterPairwiseMetrics(
      records.map((r) => r.truth),
      result.clusters.clusterOf,
    ).f1,
  };
  if (withIndex) {
    const tb = performance.now();
    const index = new MatchIndex(result.model);
    for (const r of records) index.add(r);
    const buildSeconds = (performance.now() - tb) / 1000;
    // New registrations: people of the same population written again, plus unseen people.
    const probes = generateSyntheticPopulation(createRng(7), 1000).map((r, i) => ({ ...r, id: `probe${i}` }));
    const reuse = records.slice(0, 500).map((r, i) => ({ ...r, id: `again${i}` }));
    const times: number[] = [];
    for (const q of [...probes, ...reuse]) {
      const ts = performance.now();
      index.score(q, { limit: 10 });
      times.push(performance.now() - ts);
    }
    times.sort((x, y) => x - y);
    out.index = {
      records: index.size,
      queries: times.length,
      p50ms: percentile(times, 0.5),
      p95ms: percentile(times, 0.95),
      buildSeconds,
    };
    out.peakRssMb = process.resourceUsage().maxRSS / 1024;
  }
  return out;
}
