/** Records turned into per-comparison columns of prepared values, computed once and reused for every pair. */
import type { AnyComparator, MatchRecord, ProgressFn } from './types.ts';

export interface PreparedSet {
  readonly records: readonly MatchRecord[];
  readonly comparators: readonly AnyComparator[];
  /** values[c][r]: prepared value of comparison c for record r (null when missing). */
  readonly values: unknown[][];
  /** Link mode: 0 for the left set, 1 for the right; null in dedup mode. */
  readonly side: Uint8Array | null;
  /**
   * Records with the same raw input share one prepared value: distinct[c] lists them and valueIds[c][r]
   * says which one record r holds (-1 when missing). Lets later steps work once per distinct value.
   */
  readonly distinct?: readonly (readonly unknown[])[];
  readonly valueIds?: readonly Int32Array[];
}

export function fieldValues(record: MatchRecord, fields: string | readonly string[]): (string | null)[] {
  const list = typeof fields === 'string' ? [fields] : fields;
  return list.map((f) => record.fields[f] ?? null);
}

export function prepareValue(c: AnyComparator, record: MatchRecord): unknown {
  return c.prepare(fieldValues(record, c.spec.fields));
}

/** Prepares columns of raw field values, once per distinct input (prepare is pure; values are never mutated). */
export class ColumnPreparer {
  readonly values: unknown[];
  readonly valueIds: Int32Array;
  readonly distinct: unknown[] = [];
  private readonly seen = new Map<string, number>();
  private nullId: number | undefined;
  private readonly row: (string | null)[];

  constructor(
    private readonly comparator: AnyComparator,
    n: number,
  ) {
    this.values = new Array<unknown>(n);
    this.valueIds = new Int32Array(n);
    this.row = new Array<string | null>(comparator.spec.fields.length);
  }

  /** Prepare record r from its raw field values (in spec.fields order). */
  set(r: number, raw: readonly (string | null)[]): void {
    // One field: the raw string itself is the key; several: JSON keeps null apart from "null" and separators.
    const key = raw.length === 1 ? raw[0]! : JSON.stringify(raw);
    let id = key === null ? this.nullId : this.seen.get(key);
    if (id === undefined) {
      const v = this.comparator.prepare(raw);
      id = this.distinct.length;
      this.distinct.push(v);
      if (key === null) this.nullId = id;
      else this.seen.set(key, id);
    }
    const v = this.distinct[id];
    this.values[r] = v;
    this.valueIds[r] = v == null ? -1 : id;
  }

  /** Record r's raw values into a reused row (no array per record). */
  rowOf(record: MatchRecord): (string | null)[] {
    const fields = this.comparator.spec.fields;
    for (let f = 0; f < fields.length; f++) this.row[f] = record.fields[fields[f]!] ?? null;
    return this.row;
  }
}

export function prepareRecords(
  records: readonly MatchRecord[],
  comparators: readonly AnyComparator[],
  options: { side?: Uint8Array | null; onProgress?: ProgressFn } = {},
): PreparedSet {
  const cols = comparators.map((c) => new ColumnPreparer(c, records.length));
  const step = Math.max(1, Math.floor(records.length / 20));
  for (let r = 0; r < records.length; r++) {
    const rec = records[r]!;
    for (const col of cols) col.set(r, col.rowOf(rec));
    if (options.onProgress && (r % step === 0 || r === records.length - 1))
      options.onProgress({ phase: 'prepare', done: r + 1, total: records.length });
  }
  return preparedSet(records, comparators, cols, options.side ?? null);
}

export function preparedSet(
  records: readonly MatchRecord[],
  comparators: readonly AnyComparator[],
  cols: readonly ColumnPreparer[],
  side: Uint8Array | null,
): PreparedSet {
  return {
    records,
    comparators,
    values: cols.map((c) => c.values),
    side,
    distinct: cols.map((c) => c.distinct),
    valueIds: cols.map((c) => c.valueIds),
  };
}

/** Concatenate two sets for link mode, marking each record's side. */
export function linkSides(
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
): { records: MatchRecord[]; side: Uint8Array } {
  const side = new Uint8Array(left.length + right.length);
  side.fill(1, left.length);
  return { records: [...left, ...right], side };
}
