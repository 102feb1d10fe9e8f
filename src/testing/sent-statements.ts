import pg from 'pg';

/**
 * Records the text of every statement the driver sends from now until `stop()` (on both engines: PGlite is reached
 * through the same pg client), for tests that count round trips.
 */
export function recordStatements(): { sent: string[]; stop: () => void } {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0];
    sent.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  return { sent, stop: () => void (pg.Client.prototype.query = original) };
}
