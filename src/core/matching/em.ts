/**
 * Expectation–maximisation for m and λ with u held fixed, over distinct comparison patterns
 * (pairs with identical level vectors are counted once, so iterations cost little).
 */
export interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
}

export function runEm(
  levels: readonly Int8Array[],
  levelCounts: readonly number[],
  active: readonly boolean[],
  u: readonly number[][],
  startM: readonly number[][],
  options: { maxIterations?: number; tolerance?: number; startLambda?: number } = {},
): EmResult {
  const nComp = levels.length;
  const nPairs = nComp > 0 ? levels[0]!.length : 0;
  const act = [...Array(nComp).keys()].filter((c) => active[c]);
  // Encode each pair's active levels (−1..L−1 shifted to 0..L) in mixed radix, then count patterns.
  const counts = new Map<number, number>();
  for (let p = 0; p < nPairs; p++) {
    let key = 0;
    for (const c of act) key = key * (levelCounts[c]! + 1) + (levels[c]![p]! + 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const patterns: Int8Array[] = [];
  const weights: number[] = [];
  for (const [key, cnt] of counts) {
    const pat = new Int8Array(nComp).fill(-1);
    let k = key;
    for (let i = act.length - 1; i >= 0; i--) {
      const c = act[i]!;
      const base = levelCounts[c]! + 1;
      pat[c] = (k % base) - 1;
      k = Math.floor(k / base);
    }
    patterns.push(pat);
    weights.push(cnt);
  }
  const m = startM.map((row) => [...row]);
  let lambda = options.startLambda ?? 0.3;
  const maxIt = options.maxIterations ?? 50;
  const tol = options.tolerance ?? 1e-5;
  let it = 0;
  const post = new Float64Array(patterns.length);
  for (; it < maxIt; it++) {
    for (let p = 0; p < patterns.length; p++) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (const c of act) {
        const l = patterns[p]![c]!;
        if (l < 0) continue;
        lm += Math.log(Math.max(m[c]![l]!, 1e-12));
        lu += Math.log(Math.max(u[c]![l]!, 1e-12));
      }
      post[p] = 1 / (1 + Math.exp(lu - lm));
    }
    let change = 0;
    let matchMass = 0;
    let total = 0;
    for (let p = 0; p < patterns.length; p++) {
      matchMass += post[p]! * weights[p]!;
      total += weights[p]!;
    }
    const newLambda = total > 0 ? matchMass / total : lambda;
    change = Math.max(change, Math.abs(newLambda - lambda));
    lambda = Math.min(Math.max(newLambda, 1e-9), 1 - 1e-9);
    for (const c of act) {
      const acc = new Float64Array(levelCounts[c]!);
      let denom = 0;
      for (let p = 0; p < patterns.length; p++) {
        const l = patterns[p]![c]!;
        if (l < 0) continue;
        const w = post[p]! * weights[p]!;
        acc[l]! += w;
        denom += w;
      }
      if (denom <= 0) continue;
      for (let l = 0; l < levelCounts[c]!; l++) {
        const v = acc[l]! / denom;
        change = Math.max(change, Math.abs(v - m[c]![l]!));
        m[c]![l] = v;
      }
    }
    if (change < tol) {
      it++;
      break;
    }
  }
  return { m, lambda, iterations: it };
}
