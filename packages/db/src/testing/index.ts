import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createPglite, type DbHandle, openPglite } from '../create-db';

export type TestDbKind = 'pglite' | 'postgres';

/** The database backends this run tests against: PGlite always, PostgreSQL when it answers. */
export function testDbKinds(): TestDbKind[] {
  return inject('services').postgresTemplate ? ['pglite', 'postgres'] : ['pglite'];
}

/** The migrated database's files (the global setup's tar), read once per test file. */
let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh, migrated, isolated database; `close()` also drops it. */
export async function createTestDb(kind: TestDbKind): Promise<DbHandle> {
  if (kind === 'pglite') {
    pgliteTemplate ??= readFile(inject('services').pgliteTemplate).then((b) => new Blob([b]));
    return createPglite(await openPglite(undefined, { loadDataDir: await pgliteTemplate }));
  }
  return createPostgresTestDb();
}

async function createPostgresTestDb(): Promise<DbHandle> {
  const { postgresAdminUrl, postgresTemplate, runId } = inject('services');
  if (!postgresAdminUrl || !postgresTemplate)
    throw new Error('PostgreSQL is not available to tests');
  const name = `dz_t_${runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgresAdminUrl, `create database "${name}" template "${postgresTemplate}"`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), maxConnections: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(postgresAdminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** An empty PostgreSQL database (no migrations, no tables), dropped by `drop()`. */
export async function createEmptyPostgresDb(): Promise<{ url: string; drop(): Promise<void> }> {
  const { postgresAdminUrl, runId } = inject('services');
  if (!postgresAdminUrl) throw new Error('PostgreSQL is not available to tests');
  const name = `dz_e_${runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgresAdminUrl, `create database "${name}" template template0`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(postgresAdminUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
