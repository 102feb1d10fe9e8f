/**
 * Name comparison throughput (not a test). Prints compareNames / compareNameLevel calls per second on
 * one core for: one Latin pair repeated, a Han–Latin pair, and pairs of real-looking Latin names from
 * FEBRL dataset3 (mostly unrelated names, which take the slowest path through fuzzy matching).
 *
 *   npx tsx bench/names.ts
 */
import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  compareNameLevel,
  compareNames,
  nameBlockingKeys,
  normaliseName,
  type NormalisedName,
} from '../src/core/names/index.ts';

/**
 * Runs fn twice (the first run warms up the JIT) and prints calls per second of the second run, by wall
 * clock and by this process's CPU time: on a shared machine the CPU-time figure is the steadier one.
 */
function time(label: string, calls: number, fn: () => void): void {
  fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rate = (t: number) => (calls / (t / 1000) / 1e6).toFixed(2);
  console.log(
    `${label.padEnd(52)} ${rate(ms)} M/s wall, ${rate(cpuMs)} M/s CPU  ` +
      `(${calls.toLocaleString()} calls, ${ms.toFixed(0)} ms)`,
  );
}

function loopPair(a: NormalisedName, b: NormalisedName, n: number, full: boolean): () => void {
  return () => {
    let sink = 0;
    for (let i = 0; i < n; i++) sink += full ? compareNames(a, b).similarity : compareNameLevel(a, b).length;
    if (sink < 0) console.log(sink);
  };
}

const N = 2_000_000;
const latinA = normaliseName('Maria Clara Santos');
const latinB = normaliseName('Santos Maria Klara');
const typoA = normaliseName('John Smith');
const typoB = normaliseName('Jon Smyth');
time('compareNames, Latin pair (fuzzy path)', N, loopPair(typoA, typoB, N, true));
time('compareNameLevel, Latin pair (fuzzy path)', N, loopPair(typoA, typoB, N, false));
time('compareNames, Latin pair (reordered + typo)', N, loopPair(latinA, latinB, N, true));
time(
  'compareNames, Latin pair (same after normalisation)',
  N,
  loopPair(normaliseName('Nguyễn Văn An'), normaliseName('NGUYEN VAN AN'), N, true),
);
time(
  'compareNames, 陳志 vs Tan Chee (surname equivalent)',
  N,
  loopPair(normaliseName('陳志'), normaliseName('Tan Chee'), N, true),
);

// Han names: common surnames × given-name characters, through pinyin-pro, opencc-js and the Unihan table.
const surnames = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗');
const givens = Array.from('志伟明华建国文军平芳秀英丽敏静');
const hanNames: string[] = [];
for (const s of surnames) for (const g1 of givens) for (const g2 of givens) hanNames.push(s + g1 + g2);
time('normaliseName, Han names (3 readings)', hanNames.length, () => {
  for (const h of hanNames) normaliseName(h);
});

const febrl = '/work/shared/data/febrl/dataset3.csv';
if (existsSync(febrl)) {
  const rows = readFileSync(febrl, 'utf8').split('\n').slice(1).filter(Boolean);
  const raws = rows.map((r) => {
    const c = r.split(', ');
    return `${c[1] ?? ''} ${c[2] ?? ''}`.trim();
  });
  let names: NormalisedName[] = [];
  const manyRaws = Array.from({ length: 10 }, () => raws).flat();
  time('normaliseName, FEBRL names (Latin)', manyRaws.length, () => {
    names = manyRaws.map(normaliseName);
  });
  names = names.slice(0, raws.length);
  time('nameBlockingKeys, FEBRL names', names.length, () => {
    for (const n of names) nameBlockingKeys(n);
  });
  const pairs = 2_000_000;
  const run = (full: boolean) => () => {
    let sink = 0;
    for (let k = 0; k < pairs; k++) {
      const a = names[(k * 7919) % names.length]!;
      const b = names[(k * 104729 + 13) % names.length]!;
      sink += full ? compareNames(a, b).similarity : compareNameLevel(a, b).length;
    }
    if (sink < 0) console.log(sink);
  };
  time('compareNames, FEBRL random pairs', pairs, run(true));
  time('compareNameLevel, FEBRL random pairs', pairs, run(false));
}
