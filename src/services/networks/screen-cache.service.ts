/**
 * One screening index per server process and database, built from the live entities (as the system: the index is
 * process memory, and every read of it is authorised by the screening service) and rebuilt after an import.
 */
import { getHeapStatistics } from 'node:v8';
import { isScreenable, screenFieldsOf } from '../../core/networks/ftm.ts';
import { ScreenIndex } from '../../core/networks/screen-index.ts';
import type { Database } from '../../db/database.ts';
import { countEntities, pageEntities } from '../../db/repositories/networks/entities.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import { ServiceError } from '../errors.ts';

const PAGE = 5000;
const indexes = new WeakMap<Database, Promise<ScreenIndex>>();

/**
 * Heap the index takes per live entity, with headroom: `npm run bench:screen -- --entities 4000000` peaks at 4.8 GB
 * (about 1.2 kB an entity). Node's default heap stops near 4 GB, so 4M entities would crash the process mid-build.
 */
export const INDEX_BYTES_PER_ENTITY = 1300;

/** Refuses, with what to do, an index that would not fit this process's heap (instead of dying half-way). */
export function checkIndexFits(entities: number, heapLimit = getHeapStatistics().heap_size_limit): void {
  const needed = entities * INDEX_BYTES_PER_ENTITY;
  if (needed <= heapLimit * 0.85) return;
  const gb = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  const suggest = Math.ceil((needed / 0.85 + 512 * 2 ** 20) / 2 ** 20 / 512) * 512;
  throw new ServiceError(
    503,
    'screening_index_too_large',
    `screening ${entities} entities needs about ${gb(needed)} GB of memory and this process may use ${gb(heapLimit)} GB: ` +
      `start Refuge with NODE_OPTIONS=--max-old-space-size=${suggest} on a machine with that much memory free`,
  );
}

async function build(database: Database): Promise<ScreenIndex> {
  checkIndexFits((await asSystem(database, (trx) => countEntities(trx))).live);
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
