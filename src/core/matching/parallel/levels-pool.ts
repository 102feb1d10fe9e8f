/**
 * Thread plumbing for big batch jobs: one worker prepares the same records and computes the levels
 * of half the pairs while the calling thread computes the other half (the machine has 2 cores).
 */
import { Worker } from 'node:worker_threads';
import type { PreparedSet } from '../prepared-set.ts';
import { computeLevels } from '../scoring.ts';
import type { ComparatorSpec, MatchRecord } from '../types.ts';

export interface LevelsPool {
  levelsFor(set: PreparedSet, a: Int32Array, b: Int32Array): Promise<Int8Array[]>;
  close(): Promise<void>;
}

/** Share of pairs the worker takes (the main thread also does blocking and EM between batches). */
const WORKER_SHARE = 0.5;

export function createLevelsPool(records: readonly MatchRecord[], specs: ComparatorSpec[]): LevelsPool {
  const workerUrl = new URL(
    import.meta.url.endsWith('.ts') ? './levels-worker.ts' : './levels-worker.js',
    import.meta.url,
  );
  // From source (tsx), the worker registers tsx's loader itself before importing the TypeScript entry.
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return ` +
          `import(${JSON.stringify(workerUrl.href)}); })`,
        { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 96 } },
      )
    : new Worker(workerUrl, {
        resourceLimits: { maxYoungGenerationSizeMb: 96 },
      });
  const columns = specs.map((s) => s.fields.map((f) => records.map((r) => r.fields[f] ?? null)));
  let nextId = 0;
  const pending = new Map<number, { resolve: (l: Int8Array[]) => void; reject: (e: Error) => void }>();
  let ready: () => void = () => {};
  let failed: (e: Error) => void = () => {};
  const readyP = new Promise<void>((res, rej) => {
    ready = res;
    failed = rej;
  });
  readyP.catch(() => {}); // reported through levelsFor
  worker.on('message', (msg: { type: 'ready' } | { type: 'levels'; id: number; levels: Int8Array[] }) => {
    if (msg.type === 'ready') {
      ready();
      return;
    }
    pending.get(msg.id)?.resolve(msg.levels);
    pending.delete(msg.id);
  });
  worker.on('error', (e) => {
    failed(e);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failed(new Error(`levels worker exited with code ${code}`));
  });
  worker.postMessage({ type: 'init', specs, columns });

  return {
    async levelsFor(set, a, b) {
      const n = a.length;
      const cut = Math.floor(n * (1 - WORKER_SHARE));
      if (n < 20_000) return computeLevels(set, a, b); // not worth a round trip
      await readyP;
      const id = nextId++;
      const remote = new Promise<Int8Array[]>((resolve, reject) => pending.set(id, { resolve, reject }));
      const wa = a.slice(cut);
      const wb = b.slice(cut);
      worker.postMessage({ type: 'levels', id, a: wa, b: wb }, [wa.buffer, wb.buffer]);
      const local = computeLevels(set, a.subarray(0, cut), b.subarray(0, cut));
      const far = await remote;
      return local.map((col, c) => {
        const out = new Int8Array(n);
        out.set(col, 0);
        out.set(far[c]!, cut);
        return out;
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
