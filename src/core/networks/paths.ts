/**
 * The shortest chain of relations between two entities: a bidirectional breadth-first search, level by level from
 * both ends (always widening the smaller frontier), bounded in hops and in entities visited so that a hub (a
 * registry agent with ten thousand companies) cannot make one request walk the whole graph. Relations are followed
 * in both directions: "A owns X, X is directed by B" links A and B whoever points at whom. Pure: the caller supplies
 * the neighbours of a frontier (one database round trip per level).
 */

/** One hop: `from` reaches `to` through the relation entity `via` (null when `to` itself points at `from`). */
export interface PathStep {
  from: string;
  to: string;
  via: string | null;
  label: string;
}

export type Neighbours = (ids: readonly string[]) => Promise<ReadonlyMap<string, readonly PathStep[]>>;

export type PathResult =
  | { found: true; nodes: string[]; steps: PathStep[]; visited: number }
  | { found: false; reason: 'no_path' | 'too_far' | 'too_large'; visited: number };

export const MAX_PATH_HOPS = 6;

interface Seen {
  step: PathStep | null;
  depth: number;
}

export async function shortestPath(
  from: string,
  to: string,
  neighbours: Neighbours,
  options: { maxHops?: number; maxVisited?: number } = {},
): Promise<PathResult> {
  const maxHops = options.maxHops ?? MAX_PATH_HOPS;
  const maxVisited = options.maxVisited ?? 20_000;
  if (from === to) return { found: true, nodes: [from], steps: [], visited: 1 };
  const sides = [
    new Map<string, Seen>([[from, { step: null, depth: 0 }]]),
    new Map<string, Seen>([[to, { step: null, depth: 0 }]]),
  ] as const;
  const frontiers: string[][] = [[from], [to]];
  const hops = [0, 0];
  const visited = () => sides[0].size + sides[1].size;
  while (frontiers[0]!.length > 0 && frontiers[1]!.length > 0) {
    if (hops[0]! + hops[1]! >= maxHops) return { found: false, reason: 'too_far', visited: visited() };
    const s = frontiers[0]!.length <= frontiers[1]!.length ? 0 : 1;
    const mine = sides[s];
    const theirs = sides[1 - s]!;
    const around = await neighbours(frontiers[s]!);
    const next: string[] = [];
    let meet: { id: string; total: number } | null = null;
    for (const id of frontiers[s]!) {
      for (const step of around.get(id) ?? []) {
        if (step.from !== id || mine.has(step.to)) continue;
        mine.set(step.to, { step, depth: hops[s]! + 1 });
        next.push(step.to);
        const other = theirs.get(step.to);
        if (other && (!meet || hops[s]! + 1 + other.depth < meet.total))
          meet = { id: step.to, total: hops[s]! + 1 + other.depth };
      }
    }
    hops[s] = hops[s]! + 1;
    if (meet) return { found: true, ...assemble(meet.id, sides[0], sides[1]), visited: visited() };
    if (visited() > maxVisited) return { found: false, reason: 'too_large', visited: visited() };
    frontiers[s] = next;
  }
  return { found: false, reason: 'no_path', visited: visited() };
}

/** The chain from the start to `meet` (walked back) and on from `meet` to the end (each step turned round). */
function assemble(meet: string, fromStart: Map<string, Seen>, fromEnd: Map<string, Seen>) {
  const head: PathStep[] = [];
  for (let at = fromStart.get(meet); at?.step; at = fromStart.get(at.step.from)) head.unshift(at.step);
  const tail: PathStep[] = [];
  for (let at = fromEnd.get(meet); at?.step; at = fromEnd.get(at.step.from))
    tail.push({ from: at.step.to, to: at.step.from, via: at.step.via, label: at.step.label });
  const steps = [...head, ...tail];
  return { nodes: [steps[0]!.from, ...steps.map((x) => x.to)], steps };
}
