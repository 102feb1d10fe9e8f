/** Records turned into per-comparison columns of prepared values, computed once and reused for every pair. */
import type { AnyComparator, MatchRecord, ProgressFn } from './types.ts';

export interface PreparedSet {
  readonly records: readonly MatchRecord[];
  readonly comparators: readonly AnyComparator[];
  /** values[c][r]: prepared value of comparison c for record r (null when missing). */
  readonly values: unknown[][];
  /** Link mode: 0 for the left set, 1 for the right; null in dedup mode. */
  readonly side: Uint8Array | null;
}

export function fieldValues(record: MatchRecord, fields: string | readonly string[]): (string | null)[] {
  const list = typeof fields === 'string' ? [fields] : fields;
  return list.map((f) => record.fields[f] ?? null);
}

export function prepareValue(c: AnyComparator, record: MatchRecord): unknown {
  return c.prepare(fieldValues(record, c.spec.fields));
}

export function prepareRecords(
  records: readonly MatchRecord[],
  comparators: readonly AnyComparator[],
  options: { side?: Uint8Array | null; onProgress?: ProgressFn } = {},
): PreparedSet {
  const values: unknown[][] = comparators.map(() => new Array(records.length));
  const step = Math.max(1, Math.floor(records.length / 20));
  for (let r = 0; r < records.length; r++) {
    const rec = records[r]!;
    for (let c = 0; c < comparators.length; c++) values[c]![r] = prepareValue(comparators[c]!, rec);
    if (options.onProgress && (r % step === 0 || r === records.length - 1))
      options.onProgress({ phase: 'prepare', done: r + 1, total: records.length });
  }
  return { records, comparators, values, side: options.side ?? null };
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
