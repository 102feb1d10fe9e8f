import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is asked for, synchronously (callers stay synchronous). For heavy
 * packages that only some commands use — compromise for article ingestion, exceljs and pdfkit for exports: loaded at
 * start, they cost every server start and CLI command their load time (refuge --help 2.33 -> 1.65-1.88 s of CPU).
 */
export function loadOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(specifier) as T);
}
