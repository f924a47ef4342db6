import type { Cache } from '../cache';

/** How long a running import's progress is kept: far longer than any import takes. */
const TTL_SECONDS = 6 * 60 * 60;

const keyOf = (importId: number) => `import:progress:${importId}`;

/**
 * A running import's progress, in bytes of its file (the check of the file, then its writing:
 * `runImport`), in the shared cache store: not a write to the database for every piece read.
 * Best effort: a cache that fails loses the figure, never the import.
 */
export async function setImportProgress(cache: Cache, importId: number, bytesRead: number) {
  try {
    await cache.setText(keyOf(importId), String(bytesRead), TTL_SECONDS);
  } catch {}
}

export async function importProgress(cache: Cache, importId: number): Promise<number> {
  try {
    return Number(await cache.getText(keyOf(importId))) || 0;
  } catch {
    return 0;
  }
}
