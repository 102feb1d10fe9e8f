/**
 * A map from unordered pairs of ids (x < y, both ≥ 0) to a small integer, in typed arrays: open addressing, no object
 * or boxed number per entry. Scoring keeps the level of a pair of distinct values in one (Int8Array values); the
 * shared-record step the index of a pair of records (Int32Array values).
 */
export const ABSENT = -2;

export class PairTable {
  private lo: Int32Array;
  private hi: Int32Array;
  private value: Int8Array | Int32Array;
  private size = 0;

  /** Stops taking new pairs at maxEntries (a cache then recomputes its misses). */
  constructor(
    private readonly Values: Int8ArrayConstructor | Int32ArrayConstructor,
    private readonly maxEntries = Infinity,
    capacity = 1 << 12,
  ) {
    this.lo = new Int32Array(capacity).fill(-1);
    this.hi = new Int32Array(capacity);
    this.value = new Values(capacity);
  }

  private slot(x: number, y: number): number {
    const mask = this.lo.length - 1;
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) & mask;
    while (this.lo[h] !== -1 && (this.lo[h] !== x || this.hi[h] !== y)) h = (h + 1) & mask;
    return h;
  }

  /** Value of pair x < y, or ABSENT. */
  get(x: number, y: number): number {
    const h = this.slot(x, y);
    return this.lo[h] === -1 ? ABSENT : this.value[h]!;
  }

  set(x: number, y: number, value: number): void {
    if (this.size >= this.maxEntries) return;
    if (2 * (this.size + 1) > this.lo.length) this.grow();
    const h = this.slot(x, y);
    if (this.lo[h] === -1) this.size++;
    this.lo[h] = x;
    this.hi[h] = y;
    this.value[h] = value;
  }

  /** Sets the value of pair x < y only if the table holds it (one probe). */
  update(x: number, y: number, value: number): void {
    const h = this.slot(x, y);
    if (this.lo[h] !== -1) this.value[h] = value;
  }

  forEach(visit: (x: number, y: number, value: number) => void): void {
    for (let h = 0; h < this.lo.length; h++) if (this.lo[h] !== -1) visit(this.lo[h]!, this.hi[h]!, this.value[h]!);
  }

  private grow(): void {
    const { lo, hi, value } = this;
    this.lo = new Int32Array(lo.length * 2).fill(-1);
    this.hi = new Int32Array(lo.length * 2);
    this.value = new this.Values(lo.length * 2);
    for (let k = 0; k < lo.length; k++) {
      if (lo[k] === -1) continue;
      const h = this.slot(lo[k]!, hi[k]!);
      this.lo[h] = lo[k]!;
      this.hi[h] = hi[k]!;
      this.value[h] = value[k]!;
    }
  }
}
