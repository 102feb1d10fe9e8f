import { importEntities, type ImportSummary } from '../services/networks/import.service.ts';
import type { TestServer } from './test-server.ts';

/** Imports FtM JSON lines as the operator would (`refuge entities import`), for tests of the pages that show them. */
export async function importFtmLines(t: TestServer, lines: readonly string[], dataset: string): Promise<ImportSummary> {
  async function* from() {
    yield* lines;
  }
  return importEntities(t.app, null, from(), { dataset, source: `test:${dataset}` });
}
