/** Connected components of accepted pairs (union–find with path halving and union by size). */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

export interface Clusters {
  /** clusterOf[r]: cluster number of record r (0..count-1, in order of first record). */
  clusterOf: Int32Array;
  /** Record indices of every cluster with at least `minSize` members. */
  members: number[][];
}

export function clusterPairs(
  n: number,
  a: Int32Array,
  b: Int32Array,
  accept: (p: number) => boolean,
  minSize = 2,
): Clusters {
  const uf = new UnionFind(n);
  for (let p = 0; p < a.length; p++) if (accept(p)) uf.union(a[p]!, b[p]!);
  // Cluster numbers by root in typed arrays, and member lists only for clusters of minSize or more: a
  // million records are mostly singletons, and an array (plus a map entry) each is what the GC pays for.
  const clusterOf = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let r = 0; r < n; r++) {
    const root = uf.find(r);
    let id = idOfRoot[root]!;
    if (id < 0) {
      id = sizes.length;
      idOfRoot[root] = id;
      sizes.push(0);
    }
    clusterOf[r] = id;
    sizes[id]!++;
  }
  const listOf = new Int32Array(sizes.length).fill(-1);
  const members: number[][] = [];
  for (let id = 0; id < sizes.length; id++)
    if (sizes[id]! >= minSize) {
      listOf[id] = members.length;
      members.push([]);
    }
  for (let r = 0; r < n; r++) {
    const l = listOf[clusterOf[r]!]!;
    if (l >= 0) members[l]!.push(r);
  }
  return { clusterOf, members };
}
