/** `npm run queries:update`: rewrites src/db/queries/*.sql from the repositories (see query-snapshots.ts). */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderQuerySnapshots } from './query-snapshots.ts';

const dir = join(import.meta.dirname, '..', 'db', 'queries');
mkdirSync(dir, { recursive: true });
const files = await renderQuerySnapshots();
for (const old of readdirSync(dir)) if (old.endsWith('.sql') && !files.has(old)) rmSync(join(dir, old));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`${files.size} query files written to src/db/queries`);
