import type { Import, ImportListQuery, ImportPage } from '@digitallz/contracts';
import { type Db, queryRows, type SQL, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import type { ListOwner } from '../lists/list-access';
import { importProgress } from './import-progress';

type ImportRow = {
  id: number;
  kind: Import['kind'];
  marketplace: string;
  filename: string | null;
  status: Import['status'];
  bytes: number;
  rows_imported: number;
  rows_skipped: number;
  skipped: Import['skipped'];
  error: Import['error'];
  created_at: string;
  finished_at: string | null;
};

const COLUMNS = sql`id::int as id, kind, marketplace, filename, status, bytes::float8 as bytes,
  rows_imported, rows_skipped, skipped, error, to_json(created_at)#>>'{}' as created_at,
  to_json(finished_at)#>>'{}' as finished_at`;

const ownedBy = (owner: ListOwner): SQL => sql`owner_id is not distinct from ${owner}::uuid`;

/** The owner's import and its progress, or NOT_FOUND (another owner's is not found either). */
export async function ownedImport(
  deps: { db: Db; cache: Cache },
  id: number,
  owner: ListOwner,
): Promise<Import> {
  const [row] = await queryRows<ImportRow>(
    deps.db,
    sql`select ${COLUMNS} from keyword_imports where id = ${id} and ${ownedBy(owner)}`,
  );
  if (!row) throw new AppError('NOT_FOUND', `No import ${id}`);
  return toImport(row, row.status === 'running' ? await importProgress(deps.cache, id) : 0);
}

/** The owner's imports, newest first, a page at a time. */
export async function findImports(
  deps: { db: Db; cache: Cache },
  owner: ListOwner,
  query: ImportListQuery,
): Promise<ImportPage> {
  const rows = await queryRows<ImportRow>(
    deps.db,
    sql`select ${COLUMNS} from keyword_imports
        where ${ownedBy(owner)} ${query.cursor ? sql`and id < ${Number(query.cursor)}` : sql``}
        order by id desc limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const data: Import[] = [];
  for (const row of page)
    data.push(
      toImport(row, row.status === 'running' ? await importProgress(deps.cache, row.id) : 0),
    );
  const last = page.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? String(last.id) : null };
}

function toImport(row: ImportRow, bytesRead: number): Import {
  const progress =
    row.status === 'completed'
      ? 100
      : row.status === 'running' && row.bytes > 0
        ? Math.min(99.9, Math.round((bytesRead / row.bytes) * 1000) / 10)
        : 0;
  return {
    id: row.id,
    kind: row.kind,
    marketplace: row.marketplace,
    filename: row.filename,
    status: row.status,
    bytes: row.bytes,
    progress,
    imported: row.rows_imported,
    skippedCount: row.rows_skipped,
    skipped: row.skipped,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    path: `/api/v1/imports/${row.id}`,
  };
}
