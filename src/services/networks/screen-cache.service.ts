/**
 * One screening index per server process and database, built from the live entities (as the system: the index is
 * process memory, and every read of it is authorised by the screening service) and rebuilt after an import.
 */
import { isScreenable, screenFieldsOf } from '../../core/networks/ftm.ts';
import { ScreenIndex } from '../../core/networks/screen-index.ts';
import type { Database } from '../../db/database.ts';
import { pageEntities } from '../../db/repositories/networks/entities.repository.ts';
import { asSystem } from '../../db/transaction.ts';

const PAGE = 5000;
const indexes = new WeakMap<Database, Promise<ScreenIndex>>();

async function build(database: Database): Promise<ScreenIndex> {
  const index = new ScreenIndex();
  let after: string | null = null;
  for (;;) {
    const page = await asSystem(database, (trx) => pageEntities(trx, after, PAGE));
    for (const e of page) {
      if (isScreenable(e.schema))
        index.add({ id: e.id, schema: e.schema, caption: e.caption, datasets: e.datasets, ...screenFieldsOf(e) });
    }
    if (page.length < PAGE) {
      index.finish();
      return index;
    }
    after = page[page.length - 1]!.id;
  }
}

export function screenIndexFor(database: Database): Promise<ScreenIndex> {
  let p = indexes.get(database);
  if (!p) {
    p = build(database);
    p.catch(() => indexes.delete(database));
    indexes.set(database, p);
  }
  return p;
}

/** After an import or an edit: the next screening reads a fresh index. */
export function invalidateScreenIndex(database: Database): void {
  indexes.delete(database);
}
