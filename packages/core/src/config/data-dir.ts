import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root (the workspace's, where `package-lock.json` is) above `from`: this
 * module's folder in the sources, a bundle's or its chunks' folder in `dist/` (a path relative to
 * the module, as before, pointed elsewhere from a chunk one folder deeper). The working directory
 * when there is none above.
 */
export function workspaceRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package-lock.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Where an install keeps its data (the embedded database, archives) unless DATA_DIR says. */
export function defaultDataDir(): string {
  return join(workspaceRoot(), '.data');
}
