/**
 * Summarises a V8 CPU profile (.cpuprofile, from `node --cpu-prof` or bench/api.ts --profile): the functions with the
 * most self time, and self time by package (node_modules/<package>, node's own modules, this repository's files).
 *
 *   npx tsx bench/profile-top.ts FILE [--top 10]
 *
 * Percentages are of the samples in which the process was on a core, not of wall time (idle samples are counted
 * separately).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function packageOf(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node';
  const src = /\/(src|bench)\/(.*)$/.exec(url);
  return src ? `${src[1]}/${src[2]!.split('/').slice(0, -1).join('/') || '.'}` : url || '(native)';
}

export function summarise(file: string, top: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, n] of hits) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += n;
      continue;
    }
    busy += n;
    const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${short}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + n);
    const pkg = packageOf(url);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + n);
  }
  const pct = (n: number) => `${((100 * n) / busy).toFixed(1).padStart(5)} %`;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${file}: ${busy} busy samples, ${idle} idle`,
    '  self time by function:',
    ...rank(fns).map(([k, n]) => `    ${pct(n)}  ${k}`),
    '  self time by package:',
    ...rank(pkgs).map(([k, n]) => `    ${pct(n)}  ${k}`),
  ];
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/profile-top.ts FILE [--top 10]');
const i = process.argv.indexOf('--top');
console.log(summarise(file, i > 0 ? Number(process.argv[i + 1]) : 10).join('\n'));
