/**
 * Statistical disclosure control for every count that crosses an organisation boundary (coordination
 * summary, a coordination organisation's home, an embassy's counts, later the public pages).
 *
 * A table is a set of non-negative counts ("entries": cells and their totals) tied together by
 * additive lines: each line says "these members add up to that total". Protection has two steps:
 *  1. primary suppression: every entry in (0, k) is hidden (k = MINIMUM_CELL = 11; zero is published:
 *     it names nobody);
 *  2. complementary suppression, to a fixed point: (a) no line may hold exactly one hidden entry,
 *     else subtraction along that line recovers it, so the smallest non-zero published member (then
 *     the total, then a zero member) is hidden too; (a') where a line's total is published, the sum
 *     of its hidden members is published with it, so it must be 0 or at least k; (b) no hidden entry
 *     may be determined by any linear combination of lines (checked exactly by row reduction), else
 *     one more entry on one of its lines is hidden, and (a) runs again.
 * Suppression guards against exact recovery from the published figures. It does not promise
 * interval protection (a hidden entry is always known to lie between 0 and its line's remainder).
 *
 * Pure: no I/O; the same input always gives the same output (ties break on entry order).
 */

/** The smallest count that may be published across an organisation boundary. */
export const MINIMUM_CELL = 11;

/** A published count: the number, or the word "suppressed" instead of it. */
export type PublishedCount = number | 'suppressed';
export const SUPPRESSED = 'suppressed' as const;

export interface Line {
  /** Entry indices that add up to `total`. */
  readonly members: readonly number[];
  readonly total: number;
}

export interface SuppressionOptions {
  /** Smallest publishable count (default MINIMUM_CELL). */
  readonly k?: number;
  /**
   * Entries an attacker can already learn from another published table: they are never chosen as
   * complements while another choice exists (hiding them here would protect nothing).
   */
  readonly knownElsewhere?: ReadonlySet<number>;
  /**
   * Entries hidden from the start whatever their value (e.g. a public release hides entries whose change since an
   * earlier release would be a small count); complementary suppression then protects them like any other.
   */
  readonly alsoHide?: ReadonlySet<number>;
}

/** Which entries to hide. `values[i]` is entry i; `lines` tie them together. */
export function suppressEntries(
  values: readonly number[],
  lines: readonly Line[],
  options: SuppressionOptions = {},
): boolean[] {
  const k = options.k ?? MINIMUM_CELL;
  const known = options.knownElsewhere ?? new Set<number>();
  for (const v of values)
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`a count must be a non-negative integer, got ${v}`);
  const hidden = values.map((v, i) => (v > 0 && v < k) || (options.alsoHide?.has(i) ?? false));
  const linesOf = values.map(() => [] as number[]);
  lines.forEach((line, li) => {
    for (const e of [...line.members, line.total]) linesOf[e]!.push(li);
  });

  /**
   * Hides one more entry of the line (members before the total, smallest non-zero first). Returns false if none is
   * left.
   */
  const complement = (line: Line): boolean => {
    const open = (e: number) => !hidden[e];
    const byValue = (a: number, b: number) => values[a]! - values[b]! || a - b;
    const order = [
      ...line.members.filter((e) => open(e) && values[e]! > 0 && !known.has(e)).sort(byValue),
      ...(open(line.total) && !known.has(line.total) ? [line.total] : []),
      ...line.members.filter((e) => open(e) && values[e] === 0 && !known.has(e)).sort(byValue),
      ...[...line.members, line.total].filter((e) => open(e) && known.has(e)).sort(byValue),
    ];
    const pick = order[0];
    if (pick === undefined) return false;
    hidden[pick] = true;
    return true;
  };

  for (;;) {
    // (a) no line with exactly one hidden entry.
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        const count = [...line.members, line.total].filter((e) => hidden[e]).length;
        if (count === 1 && complement(line)) changed = true;
        // (a') with the total published, the hidden members' sum is published too: it must not be a small count.
        else if (!hidden[line.total]) {
          const hiddenSum = line.members.reduce((a, e) => a + (hidden[e] ? values[e]! : 0), 0);
          if (hiddenSum > 0 && hiddenSum < k && complement(line)) changed = true;
        }
      }
    }
    // (b) no hidden entry determined by a combination of lines.
    const determined = determinedEntries(values.length, lines, hidden);
    if (determined.length === 0) return hidden;
    const target = determined[0]!;
    if (!linesOf[target]!.some((li) => complement(lines[li]!))) {
      // Every entry on its lines is hidden already; hide anything still published (cannot loop forever).
      const rest = hidden.findIndex((h) => !h);
      if (rest < 0) return hidden;
      hidden[rest] = true;
    }
  }
}

/**
 * Hidden entries whose value follows from the published ones through the lines: entry j is
 * determined when the unit vector e_j lies in the row space of the line equations restricted to
 * the hidden entries (reduced row echelon form: a pivot row whose only non-zero is at j).
 */
export function determinedEntries(size: number, lines: readonly Line[], hidden: readonly boolean[]): number[] {
  const unknowns: number[] = [];
  const column = new Map<number, number>();
  for (let e = 0; e < size; e++)
    if (hidden[e]) {
      column.set(e, unknowns.length);
      unknowns.push(e);
    }
  if (unknowns.length === 0) return [];
  const rows: number[][] = [];
  for (const line of lines) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    for (const m of line.members) {
      const c = column.get(m);
      if (c !== undefined) {
        row[c]! += 1;
        any = true;
      }
    }
    const t = column.get(line.total);
    if (t !== undefined) {
      row[t]! -= 1;
      any = true;
    }
    if (any) rows.push(row);
  }
  const EPS = 1e-9;
  let r = 0;
  const pivotOf: number[] = [];
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]![c]!) > EPS && (best < 0 || Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!))) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const p = pivot[c]!;
    for (let j = 0; j < pivot.length; j++) pivot[j]! /= p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) > EPS) for (let j = 0; j < pivot.length; j++) rows[i]![j]! -= f * pivot[j]!;
    }
    pivotOf[r] = c;
    r++;
  }
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.every((v, j) => j === pivotOf[i] || Math.abs(v) <= EPS)) out.push(unknowns[pivotOf[i]!]!);
  }
  return out.sort((a, b) => a - b);
}

const publish = (value: number, hidden: boolean | undefined): PublishedCount => (hidden ? SUPPRESSED : value);

export interface OneWayTable {
  readonly cells: PublishedCount[];
  readonly total: PublishedCount;
}

/** A list of counts and their total (e.g. people by case status). */
export function suppressOneWay(cells: readonly number[], options: SuppressionOptions = {}): OneWayTable {
  const total = cells.reduce((a, b) => a + b, 0);
  const values = [...cells, total];
  const hidden = suppressEntries(values, [{ members: cells.map((_, i) => i), total: cells.length }], options);
  return { cells: cells.map((v, i) => publish(v, hidden[i])), total: publish(total, hidden[cells.length]) };
}

export interface TwoWayTable {
  readonly cells: PublishedCount[][];
  readonly rowTotals: PublishedCount[];
  readonly columnTotals: PublishedCount[];
  readonly total: PublishedCount;
}

/** Entry layout of a two-way table: cells row by row, then row totals, column totals, the grand total. */
export function twoWayLayout(
  rows: number,
  columns: number,
): {
  cell: (r: number, c: number) => number;
  rowTotal: (r: number) => number;
  columnTotal: (c: number) => number;
  total: number;
  lines: Line[];
} {
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const total = rows * columns + rows + columns;
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++)
    lines.push({ members: Array.from({ length: columns }, (_, c) => cell(r, c)), total: rowTotal(r) });
  for (let c = 0; c < columns; c++)
    lines.push({ members: Array.from({ length: rows }, (_, r) => cell(r, c)), total: columnTotal(c) });
  lines.push({ members: Array.from({ length: rows }, (_, r) => rowTotal(r)), total });
  lines.push({ members: Array.from({ length: columns }, (_, c) => columnTotal(c)), total });
  return { cell, rowTotal, columnTotal, total, lines };
}

/** A rows × columns table with its row, column and grand totals, all assumed published unless hidden. */
export function suppressTwoWay(cells: readonly (readonly number[])[], options: SuppressionOptions = {}): TwoWayTable {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  if (cells.some((r) => r.length !== columns)) throw new RangeError('every row needs the same number of columns');
  const layout = twoWayLayout(rows, columns);
  const values = new Array<number>(layout.total + 1).fill(0);
  cells.forEach((row, r) =>
    row.forEach((v, c) => {
      values[layout.cell(r, c)] = v;
      values[layout.rowTotal(r)]! += v;
      values[layout.columnTotal(c)]! += v;
      values[layout.total]! += v;
    }),
  );
  const hidden = suppressEntries(values, layout.lines, options);
  const at = (e: number) => publish(values[e]!, hidden[e]);
  return {
    cells: cells.map((row, r) => row.map((_, c) => at(layout.cell(r, c)))),
    rowTotals: cells.map((_, r) => at(layout.rowTotal(r))),
    columnTotals: Array.from({ length: columns }, (_, c) => at(layout.columnTotal(c))),
    total: at(layout.total),
  };
}

/**
 * Rows whose total is below k are pooled into one row under `otherKey`, so that a rare category
 * (a nationality with two survivors) is not even named. The pooled row is suppressed like any other.
 */
export function poolSmallRows<T extends { readonly key: string; readonly cells: readonly number[] }>(
  rows: readonly T[],
  otherKey: string,
  k = MINIMUM_CELL,
): { key: string; cells: number[] }[] {
  const width = rows[0]?.cells.length ?? 0;
  const kept: { key: string; cells: number[] }[] = [];
  const other = new Array<number>(width).fill(0);
  let pooled = false;
  for (const row of rows) {
    const sum = row.cells.reduce((a, b) => a + b, 0);
    if (sum >= k && row.key !== otherKey) kept.push({ key: row.key, cells: [...row.cells] });
    else if (sum > 0) {
      pooled = true;
      row.cells.forEach((v, i) => {
        other[i]! += v;
      });
    }
  }
  return pooled ? [...kept, { key: otherKey, cells: other }] : kept;
}
