/**
 * The row of a statement that always returns exactly one (an aggregate, a function call, an upsert with
 * RETURNING). A missing row is a bug, so it throws rather than letting `undefined` flow on.
 */
export function onlyRow<R>(rows: readonly R[]): R {
  const [row] = rows;
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
