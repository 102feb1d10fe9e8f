import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Creates `dir` (and parents) if needed and makes it owner-only (0700): the data directory's one real barrier. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Makes everything under `dir` owner-only: directories 0700, files 0600 (read-only files stay
 * read-only). PGlite creates its files world-writable (0666, whatever the umask), so this runs
 * after it opens and again when it closes; files it creates in between are still inside the
 * 0700 data directory, which nobody else can enter.
 */
export function restrictTree(dir: string): void {
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if ((st.mode & 0o077) !== 0) {
      chmodSync(path, st.mode & 0o600);
    }
  };
  try {
    walk(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
