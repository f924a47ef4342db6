import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateWithPg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migrateWithPglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** Found through the package itself, so that it holds from a bundle (build:servers) as from the sources. */
export const migrationsFolder = join(
  dirname(createRequire(import.meta.url).resolve('@digitallz/db')),
  '../migrations',
);

/** Arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_ID = 7_246_311;

export async function migratePglite(client: PGlite): Promise<void> {
  await migrateWithPglite(drizzlePglite(client), { migrationsFolder });
}

export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrateWithPg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

/** A fingerprint of the committed migrations, used to name migrated template databases. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(`${migrationsFolder}/${file}`));
  }
  // The journal too: it orders the migrations and dates them (a migration dated before the last
  // one applied is skipped by the migrator), so a change there alone is another set.
  hash.update(readFileSync(`${migrationsFolder}/meta/_journal.json`));
  return hash.digest('hex').slice(0, 12);
}
