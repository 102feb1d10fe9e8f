/**
 * A yardstick for the machine's speed now. On a shared host the same code on the same data ran at two-thirds the
 * rate half an hour later, and every party's CPU per request moved with it (docs/operations/scaling.md, "The goals
 * and the machine's hour"): figures from different hours compare only beside a measure of the machine itself. It is
 * rough — the speed also moves during a run, so bench:api takes it before and after — but a run whose yardstick
 * read half again as slow is not evidence about the code.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A board-sized JSON page: 50 items shaped like the triage board's (about 30 KB). */
const PAGE = JSON.stringify({
  items: Array.from({ length: 50 }, (_, i) => ({
    needId: `0000000${i}-1111-4222-8333-444455556666`,
    caseId: `1000000${i}-1111-4222-8333-444455556666`,
    survivorId: `2000000${i}-1111-4222-8333-444455556666`,
    kind: ['medical_urgent', 'shelter', 'legal', 'documents'][i % 4],
    priority: 'high',
    status: 'open',
    createdAt: new Date(Date.UTC(2026, 1, 1, 8, i)).toISOString(),
    tier: i % 3,
    effectivePriority: 'high',
    waitingHours: i * 3,
    explanation: ['waiting', 'minor'],
    explanationMessage: { key: 'triage.explanation.waiting', params: { hours: i * 3 } },
    caseRisk: 'medium',
    caseStatus: 'open',
    preferredName: `Person ${i}`,
    survivor: { sex: 'female', ageBand: '25_34', nationalities: ['ID'], locationKind: 'street', protection: [] },
  })),
  nextCursor: 'opaque',
});

/**
 * One copy of the reference work, as plain JavaScript for an eval worker (no TypeScript loader in the thread): 400
 * rounds of JSON out and in, gzip and SHA-256 on the page; posts its milliseconds.
 */
const COPY = `
  const { createHash } = require('node:crypto');
  const { gzipSync } = require('node:zlib');
  const { parentPort, workerData } = require('node:worker_threads');
  const t0 = performance.now();
  for (let i = 0; i < 400; i++) {
    const text = JSON.stringify(JSON.parse(workerData));
    gzipSync(text);
    createHash('sha256').update(text).digest();
  }
  parentPort.postMessage(performance.now() - t0);
`;

/**
 * Milliseconds the reference work takes now with every core busy — one copy per core at once, as bench:api's server,
 * database and clients keep them — the median of three rounds of the slowest copy. One copy on an otherwise idle
 * machine says little: a shared host is slowest when all of its cores are wanted. Lower is faster.
 */
export async function referenceWorkMs(): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    const copies = await Promise.all(
      Array.from(
        { length: availableParallelism() },
        () =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(COPY, { eval: true, workerData: PAGE });
            worker.once('message', (ms: number) => void worker.terminate().then(() => resolve(ms)));
            worker.once('error', reject);
          }),
      ),
    );
    rounds.push(Math.max(...copies));
  }
  return rounds.sort((a, b) => a - b)[1]!;
}
