import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderQuerySnapshots } from '../testing/query-snapshots.ts';

/**
 * The committed SQL of each repository (src/db/queries) is what the code emits: run `npm run queries:update` after a
 * query change.
 */
describe('committed repository queries', () => {
  it('match the SQL the repositories emit, file by file', async () => {
    const dir = join(import.meta.dirname, 'queries');
    const rendered = await renderQuerySnapshots();
    const committed = readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(committed.sort()).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });
});
