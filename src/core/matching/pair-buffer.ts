/** Growable typed arrays of pairs (and a small tag per pair): candidate pairs without one object per pair. */
export class PairBuffer {
  a: Int32Array;
  b: Int32Array;
  tag: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.tag = new Uint8Array(capacity);
  }

  push(i: number, j: number, tag = 0): void {
    if (this.length === this.a.length) {
      const cap = this.a.length * 2;
      const na = new Int32Array(cap);
      na.set(this.a);
      this.a = na;
      const nb = new Int32Array(cap);
      nb.set(this.b);
      this.b = nb;
      const nt = new Uint8Array(cap);
      nt.set(this.tag);
      this.tag = nt;
    }
    this.a[this.length] = i;
    this.b[this.length] = j;
    this.tag[this.length] = tag;
    this.length++;
  }

  /** Trimmed views of the stored pairs. */
  view(): { a: Int32Array; b: Int32Array; tag: Uint8Array } {
    return {
      a: this.a.subarray(0, this.length),
      b: this.b.subarray(0, this.length),
      tag: this.tag.subarray(0, this.length),
    };
  }
}
