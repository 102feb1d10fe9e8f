/**
 * Thread plumbing for big batch jobs: one worker computes the levels of half the pairs while the calling
 * thread computes the other half (the machine has 2 cores). The worker receives the calling thread's
 * prepared values (plain data cloned once) instead of preparing every record a second time.
 */
import { Worker } from 'node:worker_threads';
import type { PreparedSet } from '../prepared-set.ts';
import { computeLevels } from '../scoring.ts';
import type { ComparatorSpec } from '../types.ts';
import type { WorkerColumn } from './levels-worker.ts';

export interface LevelsPool {
  levelsFor(set: PreparedSet, a: Int32Array, b: Int32Array): Promise<Int8Array[]>;
  close(): Promise<void>;
}

/** Share of pairs the worker takes (the main thread also does blocking and EM between batches). */
const WORKER_SHARE = 0.5;

/** Structured clone keeps plain data intact; anything with a prototype of its own would lose its methods. */
function isPlainData(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol';
  if (depth > 8) return false;
  if (ArrayBuffer.isView(v)) return true;
  if (Array.isArray(v)) return v.every((x) => isPlainData(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isPlainData(x, depth + 1));
}

/** Per comparison: the prepared distinct values when they are plain data, else the raw field values. */
function workerColumns(set: PreparedSet, specs: ComparatorSpec[]): WorkerColumn[] {
  return specs.map((spec, c) => {
    const distinct = set.distinct?.[c];
    const ids = set.valueIds?.[c];
    if (distinct && ids && distinct.every((v) => isPlainData(v))) return { distinct: distinct as unknown[], ids };
    return { raw: spec.fields.map((f) => set.records.map((r) => r.fields[f] ?? null)) };
  });
}

export function createLevelsPool(specs: ComparatorSpec[]): LevelsPool {
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
  let workerSet: PreparedSet | null = null;
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

  return {
    async levelsFor(set, a, b) {
      const n = a.length;
      const cut = Math.floor(n * (1 - WORKER_SHARE));
      if (n < 20_000) return computeLevels(set, a, b); // not worth a round trip
      if (!workerSet) {
        // Sent once, on the first big batch: by then the calling thread has prepared every value.
        workerSet = set;
        worker.postMessage({ type: 'init', specs, n: set.records.length, columns: workerColumns(set, specs) });
      } else if (workerSet !== set) return computeLevels(set, a, b); // the worker holds another set
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
