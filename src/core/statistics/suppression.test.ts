import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MINIMUM_CELL,
  poolSmallRows,
  suppressEntries,
  suppressOneWay,
  suppressTwoWay,
  twoWayLayout,
  type Line,
  type PublishedCount,
} from './suppression.ts';

/* ---------- an attacker, written apart from the implementation ---------- */

/** Subtraction along lines until nothing new: returns every entry an attacker learns, with its value. */
function recoverBySubtraction(published: readonly (number | null)[], lines: readonly Line[]): (number | null)[] {
  const known = [...published];
  for (let progress = true; progress;) {
    progress = false;
    for (const line of lines) {
      const unknown = [...line.members, line.total].filter((e) => known[e] === null);
      if (unknown.length !== 1) continue;
      const e = unknown[0]!;
      const sumMembers = line.members.reduce((a, m) => a + (m === e ? 0 : known[m]!), 0);
      known[e] = e === line.total ? sumMembers : known[line.total]! - sumMembers;
      progress = true;
    }
  }
  return known;
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let rk = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && rk < m.length; c++) {
    const p = m.findIndex((row, i) => i >= rk && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p]!, m[rk]!];
    for (let i = 0; i < m.length; i++) {
      if (i === rk) continue;
      const f = m[i]![c]! / m[rk]![c]!;
      for (let j = 0; j < width; j++) m[i]![j]! -= f * m[rk]![j]!;
    }
    rk++;
  }
  return rk;
}

/** Hidden entries that any linear combination of the lines pins down (e_j in the row space of the hidden part). */
function recoverByAnyCombination(hidden: readonly boolean[], lines: readonly Line[]): number[] {
  const unknowns = hidden.flatMap((h, e) => (h ? [e] : []));
  const a = lines.map((l) => unknowns.map((u) => (l.members.includes(u) ? 1 : 0) - (l.total === u ? 1 : 0)));
  const base = rank(a);
  return unknowns.filter((u, j) => rank([...a, unknowns.map((_, i) => (i === j ? 1 : 0))]) === base);
}

const count = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: MINIMUM_CELL - 1 }),
  fc.integer({ min: MINIMUM_CELL, max: 80 }),
);
const table = fc
  .integer({ min: 1, max: 6 })
  .chain((columns) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 }),
  );

function flatten(t: ReturnType<typeof suppressTwoWay>, rows: number, columns: number): PublishedCount[] {
  const layout = twoWayLayout(rows, columns);
  const out = new Array<PublishedCount>(layout.total + 1);
  t.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      out[layout.cell(r, c)] = v;
    }),
  );
  t.rowTotals.forEach((v, r) => {
    out[layout.rowTotal(r)] = v;
  });
  t.columnTotals.forEach((v, c) => {
    out[layout.columnTotal(c)] = v;
  });
  out[layout.total] = t.total;
  return out;
}

function truth(cells: number[][]): number[] {
  const rows = cells.length;
  const columns = cells[0]!.length;
  const layout = twoWayLayout(rows, columns);
  const v = new Array<number>(layout.total + 1).fill(0);
  cells.forEach((row, r) =>
    row.forEach((x, c) => {
      v[layout.cell(r, c)] = x;
      v[layout.rowTotal(r)]! += x;
      v[layout.columnTotal(c)]! += x;
      v[layout.total]! += x;
    }),
  );
  return v;
}

describe('suppressTwoWay (property: generated tables)', () => {
  it('publishes no count in (0, k), publishes every other count as it is, and no hidden count can be recovered', () => {
    let tables = 0;
    let hiddenSeen = 0;
    fc.assert(
      fc.property(table, (cells) => {
        const rows = cells.length;
        const columns = cells[0]!.length;
        const layout = twoWayLayout(rows, columns);
        const real = truth(cells);
        const published = flatten(suppressTwoWay(cells), rows, columns);
        published.forEach((p, e) => {
          if (p === 'suppressed') return;
          expect(p).toBe(real[e]);
          expect(p === 0 || p >= MINIMUM_CELL).toBe(true);
        });
        const hidden = published.map((p) => p === 'suppressed');
        hiddenSeen += hidden.filter(Boolean).length;
        tables++;
        // Subtraction along rows, columns and totals, repeated: learns no hidden entry.
        const learned = recoverBySubtraction(
          published.map((p) => (p === 'suppressed' ? null : p)),
          layout.lines,
        );
        hidden.forEach((h, e) => {
          if (h) expect(learned[e], `entry ${e} of ${JSON.stringify(cells)}`).toBeNull();
        });
        // Nor does any linear combination of the lines.
        expect(recoverByAnyCombination(hidden, layout.lines)).toEqual([]);
        // A published total minus its published members gives the hidden members' sum: never a small count.
        for (const line of layout.lines) {
          if (hidden[line.total]) continue;
          const sum = line.members.reduce((a, m) => a + (hidden[m] ? real[m]! : 0), 0);
          expect(sum === 0 || sum >= MINIMUM_CELL, `hidden sum ${sum} on a line of ${JSON.stringify(cells)}`).toBe(
            true,
          );
        }
      }),
      { numRuns: 600 },
    );
    expect(tables).toBe(600);
    expect(hiddenSeen).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(table, (cells) => {
        expect(suppressTwoWay(cells)).toEqual(suppressTwoWay(cells));
      }),
      { numRuns: 100 },
    );
  });
});

describe('suppressOneWay', () => {
  it('a single cell of one next to large cells is hidden together with the next smallest, never alone', () => {
    const t = suppressOneWay([1, 40, 25, 0]);
    expect(t).toEqual({ cells: ['suppressed', 40, 'suppressed', 0], total: 66 });
  });
  it('property: nothing in (0, k) published and nothing recoverable by subtraction from the total', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 12 }), (cells) => {
        const t = suppressOneWay(cells);
        const published = [...t.cells, t.total];
        const total = cells.reduce((a, b) => a + b, 0);
        const real = [...cells, total];
        published.forEach((p, i) => {
          if (p !== 'suppressed') {
            expect(p).toBe(real[i]);
            expect(p === 0 || p >= MINIMUM_CELL).toBe(true);
          }
        });
        const line: Line = { members: cells.map((_, i) => i), total: cells.length };
        const learned = recoverBySubtraction(
          published.map((p) => (p === 'suppressed' ? null : p)),
          [line],
        );
        published.forEach((p, i) => {
          if (p === 'suppressed') expect(learned[i]).toBeNull();
        });
        if (t.total !== 'suppressed') {
          const hiddenSum = cells.reduce((a, v, i) => a + (t.cells[i] === 'suppressed' ? v : 0), 0);
          expect(hiddenSum === 0 || hiddenSum >= MINIMUM_CELL).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('a total of k or more is never hidden to protect a cell (so tables sharing one total stay consistent)', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 12 }), (cells) => {
        const total = cells.reduce((a, b) => a + b, 0);
        if (total >= MINIMUM_CELL) expect(suppressOneWay(cells).total).toBe(total);
      }),
      { numRuns: 300 },
    );
  });
  it('avoids complements an attacker knows from elsewhere when it can', () => {
    expect(suppressOneWay([3, 12, 50], { knownElsewhere: new Set([1]) })).toEqual({
      cells: ['suppressed', 12, 'suppressed'],
      total: 65,
    });
  });
});

describe('suppressEntries', () => {
  it('hides a second entry when row reduction (not plain subtraction) would recover the first', () => {
    // Two lines a + b = t1 and a + b + c = t2 with a, b hidden: c = t2 - t1 is published, a and b stay
    // hidden; but if only a is primary, b must follow.
    const hidden = suppressEntries(
      [3, 20, 15, 23, 38],
      [
        { members: [0, 1], total: 3 },
        { members: [0, 1, 2], total: 4 },
      ],
    );
    expect(hidden[0]).toBe(true);
    expect(hidden[1]).toBe(true);
  });
  it('refuses negative or fractional counts', () => {
    expect(() => suppressEntries([-1], [])).toThrow(RangeError);
    expect(() => suppressEntries([1.5], [])).toThrow(RangeError);
  });
});

describe('poolSmallRows', () => {
  it('pools rows below k into one "other" row and keeps the rest', () => {
    expect(
      poolSmallRows(
        [
          { key: 'ID', cells: [10, 5] },
          { key: 'FJ', cells: [1, 1] },
          { key: 'TO', cells: [0, 3] },
          { key: 'XX', cells: [0, 0] },
        ],
        'other',
      ),
    ).toEqual([
      { key: 'ID', cells: [10, 5] },
      { key: 'other', cells: [1, 4] },
    ]);
  });
});
