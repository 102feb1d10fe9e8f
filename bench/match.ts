/**
 * Matching benchmark: npx tsx bench/match.ts [--sizes 10000,220000,1000000] [--skip-labelled]
 * Labelled sets (FEBRL 1–4, fake_1000): pairwise precision/recall/F1. Synthetic multi-script
 * populations: wall time, scored pairs per second per core, peak RSS, F1; and p50/p95 of checking
 * one new registration against the 220k index. Each synthetic size runs in its own process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runMatchEval, type MatchEvalOptions } from '../src/cli/commands/match.ts';
import { runSynthetic } from './lib/synthetic-run.ts';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
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

const FEBRL_FIELDS = [
  'given_name=given_name',
  'surname=surname',
  'street_number=street_number',
  'address=address_1+address_2',
  'suburb=suburb',
  'postcode=postcode',
  'state:exact=state',
  'dob=date_of_birth',
  'ssn=soc_sec_id',
].join(',');
const FEBRL_BLOCK = 'given_name,surname,dob,ssn,postcode';
const labelled: { name: string; opts: MatchEvalOptions }[] = [
  {
    name: 'FEBRL1 dedup',
    opts: { input: `${DATA}febrl/dataset1.csv`, id: 'rec_id', fields: FEBRL_FIELDS, block: FEBRL_BLOCK },
  },
  {
    name: 'FEBRL2 dedup',
    opts: { input: `${DATA}febrl/dataset2.csv`, id: 'rec_id', fields: FEBRL_FIELDS, block: FEBRL_BLOCK },
  },
  {
    name: 'FEBRL3 dedup',
    opts: { input: `${DATA}febrl/dataset3.csv`, id: 'rec_id', fields: FEBRL_FIELDS, block: FEBRL_BLOCK },
  },
  {
    name: 'FEBRL4 link',
    opts: {
      input: `${DATA}febrl/dataset4a.csv`,
      link: `${DATA}febrl/dataset4b.csv`,
      id: 'rec_id',
      fields: FEBRL_FIELDS,
      block: FEBRL_BLOCK,
    },
  },
  {
    name: 'fake_1000 dedup',
    opts: {
      input: `${DATA}splink_datasets/fake_1000.csv`,
      id: 'unique_id',
      truth: 'cluster',
      fields: 'first_name=first_name,surname=surname,dob=dob,city=city,email=email',
      tf: 'first_name,surname,city',
    },
  },
];

const pad = (s: string | number, w: number): string => String(s).padEnd(w);
const num = (x: number, d = 4): string => x.toFixed(d);

if (!args.includes('--skip-labelled')) {
  console.log('\nLabelled sets (pairwise, threshold 0.5)');
  console.log(
    pad('set', 18) +
      pad('records', 9) +
      pad('pairs', 10) +
      pad('precision', 11) +
      pad('recall', 9) +
      pad('F1', 9) +
      'seconds',
  );
  for (const { name, opts } of labelled) {
    if (!existsSync(opts.input)) {
      console.log(`${pad(name, 18)}missing ${opts.input}`);
      continue;
    }
    const r = await runMatchEval(opts);
    console.log(
      [
        pad(name, 18),
        pad(r.records, 9),
        pad(r.pairsCompared, 10),
        pad(num(r.precision), 11),
        pad(num(r.recall), 9),
        pad(num(r.f1), 9),
        num(r.seconds, 1),
      ].join(''),
    );
  }
}

const sizes = (arg('--sizes') ?? '10000,220000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
console.log(
  '\nSynthetic multi-script populations (2 threads; generation not timed; ' +
    'pairs/s/core = compared pairs per CPU second while comparing)',
);
console.log(
  [
    pad('records', 10),
    pad('seconds', 9),
    pad('cpu s', 8),
    pad('pairs', 11),
    pad('pairs/s/core', 14),
    pad('peak RSS MB', 13),
    pad('precision', 11),
    pad('recall', 9),
    pad('F1', 9),
    'cluster F1',
  ].join(''),
);
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
  if (r.index)
    indexLine =
      `One new registration vs ${r.index.records} indexed records: p50 ${r.index.p50ms.toFixed(2)} ms, ` +
      `p95 ${r.index.p95ms.toFixed(2)} ms over ${r.index.queries} queries ` +
      `(index built in ${r.index.buildSeconds.toFixed(1)} s)`;
}
if (indexLine) console.log(`\n${indexLine}`);
