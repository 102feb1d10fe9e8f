/**
 * Matching benchmark: npx tsx bench/match.ts [--sizes 10000,220000,1000000] [--skip-labelled] [--seeds 1,2,3]
 *   [--independent-only | --skip-independent] [--independent-size 10000] [--sets fake,FEBRL3: labelled sets by name]
 *   [--misses N --seeds S: the default settings' misses on seed S, N examples per naming tradition]
 *   [--supervised-reference [--seeds 1,2,3]: the default settings beside a scorer taught by the tuning seed's labels]
 * Independent multi-script population (bench/lib/independent-population.ts, shares nothing with the engine):
 * default settings and settings tuned on a separate population, per seed (bench/lib/independent-section.ts).
 * Labelled sets (FEBRL 1–4, fake_1000; bench/lib/labelled-sets.ts), each with the obvious mapping
 * (automatic blocking) and the published recipe: pairs, blocking reach, P/R/F1, seconds, peak RSS,
 * beside main's figures. Each run is its own process (peak RSS is its own). Synthetic multi-script
 * populations: wall time, scored pairs per second per core, peak RSS, F1; and p50/p95 of checking
 * one new registration against the 220k index. Each synthetic size runs in its own process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runMatchEval, type MatchEvalResult } from '../src/cli/commands/match.ts';
import { labelledRuns } from './lib/labelled-sets.ts';
import { runSynthetic } from './lib/synthetic-run.ts';
import { runIndependentSection, independentChild } from './lib/independent-section.ts';
import { errorReport, supervisedReference } from './lib/independent-run.ts';
import type { PairwiseMetrics } from '../src/core/matching/evaluation.ts';

// The shared data sits beside the repository (../shared/data), or beside a worktree's parent (git worktrees).
const DATA =
  ['../../shared/data/', '../../../shared/data/']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (arg('--child')) {
  // Child process: one synthetic size, one JSON line out.
  const n = Number(arg('--child'));
  const result = await runSynthetic(n, args.includes('--index'));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const seeds = (arg('--seeds') ?? '42')
  .split(',')
  .map(Number)
  .filter((x) => Number.isInteger(x));

if (arg('--labelled-child')) {
  // Child process: one labelled run (so peak RSS is its own), one JSON line out.
  const run = labelledRuns(DATA)[Number(arg('--labelled-child'))]!;
  const cpu0 = process.cpuUsage();
  const r = await runMatchEval({ ...run.opts, seed: Number(arg('--seed') ?? 42) });
  const cpu = process.cpuUsage(cpu0);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...r, peakRssMb, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
  process.exit(0);
}

if (arg('--independent-child')) {
  // Child process: tuning, or one scored run of the independent population; one JSON line out.
  process.stdout.write(`${JSON.stringify(await independentChild(args))}\n`);
  process.exit(0);
}

if (arg('--misses')) {
  // Debug: the default settings' misses and false positives on the first seed, N examples per naming tradition.
  console.log(await errorReport(seeds[0] ?? 2, Number(arg('--independent-size') ?? 10000), 0, Number(arg('--misses'))));
  process.exit(0);
}

if (args.includes('--supervised-reference')) {
  // The default settings' F1 beside a scorer that learned the level vectors from the tuning population's labels.
  const line = (m: PairwiseMetrics) => `F1 ${m.f1.toFixed(4)} (P ${m.precision.toFixed(4)}, R ${m.recall.toFixed(4)})`;
  for (const seed of arg('--seeds') ? seeds : [1, 2, 3]) {
    const r = await supervisedReference(seed, Number(arg('--independent-size') ?? 10000));
    console.log(
      `seed ${seed}: model ${line(r.model)}; supervised ${line(r.supervised)}; ${r.unseen} pairs in unseen groups`,
    );
  }
  process.exit(0);
}

const pad = (s: string | number, w: number): string => String(s).padEnd(w);
const num = (x: number, d = 4): string => x.toFixed(d);

if (!args.includes('--skip-independent')) {
  runIndependentSection({
    script: fileURLToPath(import.meta.url),
    seeds: arg('--seeds') ? seeds : [1, 2, 3],
    records: Number(arg('--independent-size') ?? 10000),
  });
}
if (args.includes('--independent-only')) process.exit(0);

if (!args.includes('--skip-labelled')) {
  console.log(
    '\nLabelled sets the engine did not generate (pairwise; "obvious" = every column under its own name, rules chosen\n' +
      "from the data; threshold = model probability 0.5 or a precision target on the model's own probabilities, never\n" +
      `labels; reach = true pairs sharing a block / all true pairs; seeds ${seeds.join(',')}, figures are means, F1 range)`,
  );
  console.log(
    pad('set', 17) +
      pad('mapping', 27) +
      pad('pairs', 9) +
      pad('reach', 8) +
      pad('precision', 10) +
      pad('recall', 8) +
      pad('F1', 16) +
      pad('seconds', 8) +
      pad('RSS MB', 8) +
      'main F1 (pairs)',
  );
  const runs = labelledRuns(DATA);
  const only = arg('--sets')?.toLowerCase().split(',');
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (only && !only.some((s) => run.set.toLowerCase().includes(s))) continue;
    if (!existsSync(run.opts.input)) {
      console.log(`${pad(run.set, 17)}missing ${run.opts.input}`);
      continue;
    }
    const results: (MatchEvalResult & { peakRssMb: number; cpuSeconds: number })[] = [];
    for (const seed of seeds) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--labelled-child', String(i), '--seed', String(seed)],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.log(`${pad(run.set, 17)}${pad(run.mapping, 27)}failed: ${child.stderr.slice(-400)}`);
        break;
      }
      results.push(JSON.parse(line) as MatchEvalResult & { peakRssMb: number; cpuSeconds: number });
    }
    if (results.length === 0) continue;
    const mean = (f: (r: (typeof results)[number]) => number): number =>
      results.reduce((x, r) => x + f(r), 0) / results.length;
    const f1s = results.map((r) => r.f1);
    const f1 =
      results.length > 1
        ? `${num(mean((r) => r.f1))} ±${num((Math.max(...f1s) - Math.min(...f1s)) / 2, 3)}`
        : num(f1s[0]!);
    console.log(
      [
        pad(run.set, 17),
        pad(run.mapping, 27),
        pad(Math.round(mean((r) => r.pairsCompared)), 9),
        pad(
          num(
            mean((r) => r.blockingReach),
            3,
          ),
          8,
        ),
        pad(num(mean((r) => r.precision)), 10),
        pad(num(mean((r) => r.recall)), 8),
        pad(f1, 16),
        pad(
          num(
            mean((r) => r.seconds),
            1,
          ),
          8,
        ),
        pad(Math.round(mean((r) => r.peakRssMb)), 8),
        run.main ? `${num(run.main.f1)}${run.main.pairs ? ` (${run.main.pairs})` : ''}` : '–',
      ].join(''),
    );
    const last = results[results.length - 1]!;
    console.log(
      `${' '.repeat(17)}rules: ${last.blocking.rules.map((r) => r.rule).join(', ')}; ` +
        `CPU s ${num(
          mean((r) => r.cpuSeconds),
          1,
        )}, pairs/CPU-s ${Math.round(mean((r) => r.pairsCompared / Math.max(r.cpuSeconds, 1e-9)))}; ` +
        `label-free reach ${results.map((r) => (r.blocking.estimatedReach === null ? '–' : num(r.blocking.estimatedReach, 3))).join('/')}; threshold ${last.threshold.toPrecision(3)} ` +
        `(${last.expected.rule}, expected P ${num(last.expected.precision, 3)} R ${num(last.expected.recall, 3)})` +
        (last.dropped.length ? `; left out: ${last.dropped.join(', ')}` : '') +
        (last.warnings.length ? `; ${last.warnings.length} warning(s)` : ''),
    );
  }
}

const sizes = (arg('--sizes') ?? (args.includes('--labelled-only') ? '' : '10000,220000,1000000'))
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
if (sizes.length > 0) {
  console.log(
    '\nSynthetic multi-script populations (2 threads; generation not timed; ' +
      'pairs/cpu-s = compared pairs per CPU second of the whole linkage, both threads;\n' +
      'pairs/s/core = compared pairs per CPU second while comparing).\n' +
      'Speed and memory only: the engine generated these people from its own name pools and reading tables, and the\n' +
      'survivor threshold was tuned on them, so their F1 is not evidence of quality on unseen data (see the table above).',
  );
  console.log(
    [
      pad('records', 10),
      pad('seconds', 9),
      pad('cpu s', 8),
      pad('pairs', 11),
      pad('pairs/cpu-s', 13),
      pad('pairs/s/core', 14),
      pad('peak RSS MB', 13),
      pad('precision', 11),
      pad('recall', 9),
      pad('F1', 9),
      'cluster F1',
    ].join(''),
  );
}
let indexLine = '';
for (const n of sizes) {
  const withIndex = n === 220000;
  const child = spawnSync(
    process.execPath,
    [
      '--max-semi-space-size=64',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      String(n),
      ...(withIndex ? ['--index'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`${pad(n, 10)}failed: ${child.stderr.slice(-500)}`);
    continue;
  }
  const r = JSON.parse(line) as Awaited<ReturnType<typeof runSynthetic>>;
  console.log(
    [
      pad(r.records, 10),
      pad(num(r.seconds, 1), 9),
      pad(num(r.cpuSeconds, 1), 8),
      pad(r.pairs, 11),
      pad(Math.round(r.pairsPerCpuSecond), 13),
      pad(Math.round(r.pairsPerSecondPerCore), 14),
      pad(Math.round(r.peakRssMb), 13),
      pad(num(r.precision), 11),
      pad(num(r.recall), 9),
      pad(num(r.f1), 9),
      num(r.clusterF1),
    ].join(''),
  );
  console.log(
    `          phases (s, cumulative): ${Object.entries(r.phases)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}`,
  );
  console.log(
    `          cpu s per phase: ${Object.entries(r.phasesCpu)
      .map(([k, v], i, all) => `${k} ${(v - (i > 0 ? all[i - 1]![1] : 0)).toFixed(1)}`)
      .join(', ')}`,
  );
  if (r.index)
    indexLine =
      `One new registration vs ${r.index.records} indexed records: p50 ${r.index.p50ms.toFixed(2)} ms, ` +
      `p95 ${r.index.p95ms.toFixed(2)} ms over ${r.index.queries} queries ` +
      `(index built in ${r.index.buildSeconds.toFixed(1)} s)`;
}
if (indexLine) console.log(`\n${indexLine}`);
