/**
 * The independent multi-script population (independent-population.ts) in the matching benchmark:
 * - "default": the mapping a user types first (every column under its own name), automatic blocking,
 *   threshold 0.5 — exactly `refuge match eval`;
 * - "tuned": mapping, blocking rules and threshold chosen by their F1 on a separate tuning population
 *   (its own seed, TUNE_SEED), never on the population scored.
 * Each scored run is its own process so wall time, CPU time and peak RSS are its own.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBlockSpecs, parseFieldSpecs, runMatchEval, type MatchEvalOptions } from '../../src/cli/commands/match.ts';
import { readCsvObjects } from '../../src/cli/commands/match-csv.ts';
import { linkRecords } from '../../src/core/matching/pipeline.ts';
import { probabilityFromWeight } from '../../src/core/matching/model.ts';
import {
  countTruePairs,
  levelCells,
  levelVector,
  pairwiseMetrics,
  scoringCeiling,
  type PairwiseMetrics,
} from '../../src/core/matching/evaluation.ts';
import { createRng } from '../../src/core/random.ts';
import type { MatchRecord } from '../../src/core/matching/types.ts';
import { generateIndependentPopulation, toCsv } from './independent-population.ts';

/** The population used to choose tuned settings; never scored. */
export const TUNE_SEED = 1001;
export const INDEPENDENT_OBVIOUS = 'name=name,sex=sex,dob=dob,nationality=nationality,phone=phone,passport=passport';

/** Hand recipes the tuning step chooses among (with a threshold). */
export const INDEPENDENT_RECIPES: { name: string; fields: string; block?: string; tf?: string }[] = [
  { name: 'obvious', fields: INDEPENDENT_OBVIOUS },
  {
    name: 'survivor recipe',
    fields: 'name=name,sex=sex,dob=dob,nationality=nationality,phone:phone=phone+nationality,passport=passport',
    block: 'name+dob,dob+nationality,phone,passport,name+dob.year',
    tf: 'name,dob',
  },
  {
    name: 'recipe, automatic blocking',
    fields: 'name=name,sex=sex,dob=dob,nationality=nationality,phone:phone=phone+nationality,passport=passport',
    tf: 'name,dob',
  },
];
const THRESHOLDS = [0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95, 0.98, 0.99];

export function independentCsv(seed: number, records: number): string {
  const dir = join(tmpdir(), 'refuge-bench-independent');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `population-${seed}-${records}.csv`);
  if (!existsSync(file)) writeFileSync(file, toCsv(generateIndependentPopulation(seed, records)));
  return file;
}

export function independentOptions(seed: number, records: number, extra: Partial<MatchEvalOptions> = {}) {
  return {
    input: independentCsv(seed, records),
    id: 'record_id',
    truth: 'person_id',
    fields: INDEPENDENT_OBVIOUS,
    ...extra,
  };
}

function recordsOf(file: string): MatchRecord[] {
  return readCsvObjects(file).map((row, i) => ({ id: row.record_id ?? `r${i}`, fields: row, source: 'left' }));
}

async function link(records: MatchRecord[], recipe: (typeof INDEPENDENT_RECIPES)[number], seed: number) {
  const tf = recipe.tf ? recipe.tf.split(',') : [];
  return linkRecords({
    settings: {
      id: 'bench-independent',
      version: 1,
      comparisons: parseFieldSpecs(recipe.fields, tf),
      blockingRules: parseBlockSpecs(recipe.block),
      threshold: 0.5,
    },
    records,
    rng: createRng(seed),
  });
}

export interface Tuned {
  recipe: (typeof INDEPENDENT_RECIPES)[number];
  threshold: number;
  f1: number;
  tried: { recipe: string; threshold: number; f1: number }[];
}

/** Best recipe and threshold by F1 on the tuning population (labels of that population only). */
export async function tune(records: number): Promise<Tuned> {
  const rows = recordsOf(independentCsv(TUNE_SEED, records));
  const truth = rows.map((r) => r.fields.person_id!);
  const totalTrue = countTruePairs(truth, null);
  let best: Tuned | null = null;
  const tried: Tuned['tried'] = [];
  for (const recipe of INDEPENDENT_RECIPES) {
    const result = await link(rows, recipe, TUNE_SEED);
    const { a, b, weight } = result.pairs;
    for (const t of THRESHOLDS) {
      let tp = 0;
      let fp = 0;
      for (let p = 0; p < a.length; p++) {
        if (probabilityFromWeight(weight[p]!) < t) continue;
        if (truth[a[p]!] === truth[b[p]!]) tp++;
        else fp++;
      }
      const precision = tp + fp ? tp / (tp + fp) : 1;
      const recall = tp / totalTrue;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      tried.push({ recipe: recipe.name, threshold: t, f1 });
      if (!best || f1 > best.f1) best = { recipe, threshold: t, f1, tried };
    }
  }
  return best!;
}

/** False negatives and positives of the default settings, by naming tradition, with examples. */
export async function errorReport(seed: number, records: number, recipeIndex = 0, examples = 6): Promise<string> {
  const rows = recordsOf(independentCsv(seed, records));
  const t0 = performance.now();
  const result = await link(rows, INDEPENDENT_RECIPES[recipeIndex]!, seed);
  const { a, b, weight } = result.pairs;
  const truth = rows.map((r) => r.fields.person_id!);
  const fam = (r: number) => rows[r]!.fields.family!;
  const show = (r: number) => {
    const f = rows[r]!.fields;
    return `${f.name} | ${f.sex} | ${f.dob} | ${f.nationality} | ${f.phone} | ${f.passport}`;
  };
  const thr = result.operating.threshold;
  const acceptedMask = new Uint8Array(a.length);
  for (const p of result.accepted) acceptedMask[p] = 1;
  const found = new Set<string>();
  const fpBy = new Map<string, string[]>();
  const fnBy = new Map<string, string[]>();
  const unblockedBy = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (let p = 0; p < a.length; p++) {
    const i = a[p]!;
    const j = b[p]!;
    const same = truth[i] === truth[j];
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (same) found.add(key);
    const acc = acceptedMask[p] === 1;
    const levels = result.model.comparators.map(
      (c, ci) => `${c.name}=${c.levels[result.pairs.levels[ci]![p]!] ?? '∅'}`,
    );
    const line = `w ${weight[p]!.toFixed(1)}  ${show(i)}  ⟷  ${show(j)}\n        ${levels.join(' ')}`;
    if (acc && !same) add(fpBy, fam(i), line);
    if (!acc && same) add(fnBy, fam(i), line);
  }
  const byPerson = new Map<string, number[]>();
  truth.forEach((t, r) => byPerson.set(t, [...(byPerson.get(t) ?? []), r]));
  for (const members of byPerson.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!].sort((u, v) => u - v) as [number, number];
        if (!found.has(`${i},${j}`)) add(unblockedBy, fam(i), `${show(i)}  ⟷  ${show(j)}`);
      }
  const out: string[] = [
    `seed ${seed}, ${rows.length} records, ${a.length} pairs, threshold ${thr.toPrecision(3)}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    `rules: ${result.blocking.perRule.map((r) => `${r.rule} (${r.newPairs})`).join(', ')}`,
    `measured ${ceilingLine(pairwiseMetrics(truth, null, a, b, (p) => acceptedMask[p] === 1))} ` +
      `(${result.shared.accepted} pairs accepted through a shared record, ${result.shared.compared} compared so); ` +
      `scoring ceiling (labels) ${ceilingLine(scoringCeiling(truth, null, a, b, result.pairs.levels))}`,
  ];
  const families = [...new Set(rows.map((r) => r.fields.family!))].sort();
  out.push(`family            never compared missed (compared) false positives`);
  for (const f of families)
    out.push(
      `${f.padEnd(18)}${String(unblockedBy.get(f)?.length ?? 0).padEnd(15)}${String(fnBy.get(f)?.length ?? 0).padEnd(18)}${fpBy.get(f)?.length ?? 0}`,
    );
  for (const [title, m] of [
    ['never compared', unblockedBy],
    ['missed', fnBy],
    ['false positive', fpBy],
  ] as const)
    for (const f of families) {
      const list = m.get(f) ?? [];
      if (list.length === 0) continue;
      out.push(`-- ${title}: ${f}`);
      for (const l of list.slice(0, examples)) out.push(`   ${l}`);
    }
  return out.join('\n');
}

/**
 * How far label-free training sits from a scorer that had labels: the level-vector groups of the tuning population
 * (TUNE_SEED) with their share of true pairs, and the share at which its scoring ceiling stops, applied to the scored
 * population — a group that held at least three tuning pairs is accepted when its share reaches that cut; pairs in
 * groups the tuning population did not show keep the model's decision. Same comparisons, blocking and threshold
 * rules as the default settings.
 */
export async function supervisedReference(
  seed: number,
  records: number,
): Promise<{ supervised: PairwiseMetrics; model: PairwiseMetrics; unseen: number }> {
  const tuning = recordsOf(independentCsv(TUNE_SEED, records));
  const tuned = await link(tuning, INDEPENDENT_RECIPES[0]!, TUNE_SEED);
  const tuningTruth = tuning.map((r) => r.fields.person_id!);
  const cells = levelCells(tuningTruth, tuned.pairs.a, tuned.pairs.b, tuned.pairs.levels);
  const cut = scoringCeiling(tuningTruth, null, tuned.pairs.a, tuned.pairs.b, tuned.pairs.levels).lowestShare;
  const rows = recordsOf(independentCsv(seed, records));
  const result = await link(rows, INDEPENDENT_RECIPES[0]!, seed);
  const truth = rows.map((r) => r.fields.person_id!);
  const { a, b, weight, levels } = result.pairs;
  const threshold = result.operating.threshold;
  const byModel = (p: number) => probabilityFromWeight(weight[p]!) >= threshold;
  let unseen = 0;
  const supervised = pairwiseMetrics(truth, null, a, b, (p) => {
    const cell = cells.get(levelVector(levels, p));
    if (!cell || cell[0] + cell[1] < 3) {
      unseen++;
      return byModel(p);
    }
    return cell[0] / (cell[0] + cell[1]) >= cut;
  });
  return { supervised, model: pairwiseMetrics(truth, null, a, b, byModel), unseen };
}

const ceilingLine = (m: PairwiseMetrics) =>
  `F1 ${m.f1.toFixed(4)} (P ${m.precision.toFixed(4)}, R ${m.recall.toFixed(4)})`;

/** One scored run (called in a child process): the eval's JSON plus CPU seconds and peak RSS. */
export async function scoredRun(opts: MatchEvalOptions) {
  const cpu0 = process.cpuUsage();
  const r = await runMatchEval(opts);
  const c = process.cpuUsage(cpu0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  return {
    ...r,
    cpuSeconds,
    pairsPerCpuSecond: r.pairsCompared / Math.max(cpuSeconds, 1e-9),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
