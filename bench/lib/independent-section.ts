/**
 * The independent population's table in `bench:match`: tuning on TUNE_SEED (one child process), then
 * per scored seed the default and the tuned settings, each in its own child process (own RSS and CPU).
 */
import { spawnSync } from 'node:child_process';
import { INDEPENDENT_RECIPES, TUNE_SEED, independentOptions, scoredRun, tune, type Tuned } from './independent-run.ts';

type Scored = Awaited<ReturnType<typeof scoredRun>>;

/** Child side: `--independent-child tune|default|tuned --seed S --records N [--recipe I --threshold T]`. */
export async function independentChild(args: string[]): Promise<unknown> {
  const arg = (name: string) => args[args.indexOf(name) + 1];
  const mode = arg('--independent-child');
  const records = Number(arg('--records'));
  if (mode === 'tune') {
    const t = await tune(records);
    return { recipe: INDEPENDENT_RECIPES.indexOf(t.recipe), threshold: t.threshold, f1: t.f1, tried: t.tried };
  }
  const seed = Number(arg('--seed'));
  if (mode === 'default') return scoredRun({ ...independentOptions(seed, records), seed });
  const recipe = INDEPENDENT_RECIPES[Number(arg('--recipe'))]!;
  return scoredRun({
    ...independentOptions(seed, records, { fields: recipe.fields, block: recipe.block, tf: recipe.tf }),
    threshold: Number(arg('--threshold')),
    seed,
  });
}

function child(script: string, extra: string[]): unknown {
  const c = spawnSync(process.execPath, [...process.execArgv, script, '--independent-child', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const line = c.stdout.trim().split('\n').pop() ?? '';
  if (c.status !== 0 || !line.startsWith('{')) throw new Error(`child failed: ${c.stderr.slice(-600)}`);
  return JSON.parse(line);
}

const pad = (s: string | number, w: number): string => String(s).padEnd(w);
const num = (x: number, d = 4): string => x.toFixed(d);

export function runIndependentSection(o: { script: string; seeds: number[]; records: number }): void {
  const tuned = child(o.script, ['tune', '--records', String(o.records)]) as Omit<Tuned, 'recipe'> & { recipe: number };
  const recipe = INDEPENDENT_RECIPES[tuned.recipe]!;
  console.log(
    `\nIndependent multi-script population (bench/lib/independent-population.ts: own names, scripts and readings,\n` +
      `no engine code or table), ${o.records} records per seed. "default" = every column under its own name,\n` +
      `automatic blocking, threshold 0.5; "tuned" = recipe and threshold with the best F1 on the tuning population\n` +
      `(seed ${TUNE_SEED}, never scored): ${recipe.name}, threshold ${tuned.threshold} (F1 there ${num(tuned.f1)}).\n` +
      `reach = true pairs sharing a block / all true pairs; ceiling = the best F1 any weighting and threshold of the\n` +
      `compared pairs' levels could reach, each pair judged alone (read from the labels; term frequencies, namesakes and\n` +
      `pairs settled through a shared record aside: a bound on pairwise scoring, not a result);\n` +
      `pairs/CPU-s = pairs compared per CPU second of the whole run.`,
  );
  console.log(
    pad('settings', 10) +
      pad('seed', 6) +
      pad('pairs', 9) +
      pad('reach', 8) +
      pad('precision', 10) +
      pad('recall', 8) +
      pad('F1', 8) +
      pad('ceiling', 9) +
      pad('wall s', 8) +
      pad('CPU s', 8) +
      pad('pairs/CPU-s', 13) +
      'RSS MB',
  );
  for (const mode of ['default', 'tuned'] as const) {
    const rs: Scored[] = [];
    for (const seed of o.seeds) {
      const extra = mode === 'tuned' ? ['--recipe', String(tuned.recipe), '--threshold', String(tuned.threshold)] : [];
      const r = child(o.script, [mode, '--seed', String(seed), '--records', String(o.records), ...extra]) as Scored;
      rs.push(r);
      console.log(
        [
          pad(mode, 10),
          pad(seed, 6),
          pad(r.pairsCompared, 9),
          pad(num(r.blockingReach, 3), 8),
          pad(num(r.precision), 10),
          pad(num(r.recall), 8),
          pad(num(r.f1), 8),
          pad(num(r.scoringCeilingF1), 9),
          pad(num(r.seconds, 1), 8),
          pad(num(r.cpuSeconds, 1), 8),
          pad(Math.round(r.pairsPerCpuSecond), 13),
          Math.round(r.peakRssMb),
        ].join(''),
      );
    }
    const mean = (f: (r: Scored) => number) => rs.reduce((x, r) => x + f(r), 0) / rs.length;
    const f1s = rs.map((r) => r.f1);
    console.log(
      `${pad(mode, 10)}${pad('mean', 6)}${pad(Math.round(mean((r) => r.pairsCompared)), 9)}${pad(
        num(
          mean((r) => r.blockingReach),
          3,
        ),
        8,
      )}` +
        `${pad(num(mean((r) => r.precision)), 10)}${pad(num(mean((r) => r.recall)), 8)}${pad(num(mean((r) => r.f1)), 8)}` +
        `${pad(num(mean((r) => r.scoringCeilingF1)), 9)}(F1 range ${num(Math.min(...f1s))}–${num(Math.max(...f1s))})`,
    );
    const last = rs[rs.length - 1]!;
    console.log(
      `          rules: ${last.blocking.rules.map((r) => r.rule).join(', ')}; ` +
        `label-free reach ${rs.map((r) => (r.blocking.estimatedReach === null ? '–' : num(r.blocking.estimatedReach, 3))).join('/')}; ` +
        `threshold ${last.threshold.toPrecision(3)}` +
        (last.dropped.length ? `; left out: ${last.dropped.join(', ')}` : '') +
        (last.warnings.length ? `; ${last.warnings.length} warning(s)` : ''),
    );
  }
}
