import { createDb, type DbHandle } from '@digitallz/db';
import type { Env } from './env';

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite database under DATA_DIR. */
export async function openDatabase(env: Env): Promise<DbHandle> {
  return createDb({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : `${env.DATA_DIR}/pglite`,
  });
}

export function describeDatabase(env: Env): string {
  if (!env.DATABASE_URL) return `embedded PGlite in ${env.DATA_DIR}/pglite`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}
