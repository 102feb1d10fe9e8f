/**
 * A yardstick for the machine's speed now. On a shared host the same code on the same data ran at two-thirds the
 * rate half an hour later, and every party's CPU per request moved with it (docs/operations/scaling.md, "The goals
 * and the machine's hour"): figures from different hours compare only beside a measure of the machine itself.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

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
 * Milliseconds this process takes now for a fixed piece of single-threaded work, the median of three: 400 rounds
 * of what a request's answer costs (JSON out and in, gzip, SHA-256) on a board-sized page. Lower is faster.
 */
export function referenceWorkMs(): number {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 400; i++) {
      const text = JSON.stringify(JSON.parse(PAGE));
      gzipSync(text);
      createHash('sha256').update(text).digest();
    }
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}
