import type { Import } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { AppError } from '../errors';
import { PRIORITY } from '../jobs/catalog';
import type { JobQueue } from '../jobs/job-queue';
import { ownedImport } from './import-access';
import { importMarketplace } from './import-rows';
import { readImport } from './parse-import';
import type { ImportKind } from './types';

/** Bytes per stored piece of an upload. */
export const UPLOAD_PIECE_BYTES = 1024 * 1024;

export type CreateImportInput = {
  ownerId: string | null;
  kind: ImportKind;
  bytes: Uint8Array;
  filename?: string;
  marketplace?: string;
  /** Bytes per stored piece (`UPLOAD_PIECE_BYTES`; smaller in tests). */
  pieceBytes?: number;
};

/**
 * Accepts an uploaded report for import by a job (`compute.keyword-import`), which may take
 * minutes for a large one. A file that is plainly not the kind it claims (its header, a binary
 * start) is refused here, before anything is kept. The upload is kept with its import in one
 * transaction, then the job is queued; an import whose job cannot be queued is marked failed
 * and its upload dropped, never left waiting.
 */
export async function createImport(
  deps: { db: Db; cache: Cache; jobs: JobQueue },
  input: CreateImportInput,
): Promise<Import> {
  if (input.bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'Send the report file as the request body');
  const marketplace = importMarketplace(input.marketplace);
  // The header and the first line: the reader refuses a file of another kind on them.
  for await (const _ of readImport(input.kind, input.bytes)) break;
  // The import as accepted, read before its job is queued (which may start it at once).
  const accepted = await deps.db.transaction(async (tx) => {
    const [created] = await queryRows<{ id: number }>(
      tx as unknown as Db,
      sql`insert into keyword_imports (owner_id, kind, filename, marketplace, rows_imported, rows_skipped, bytes, status, finished_at)
          values (${input.ownerId}::uuid, ${input.kind}, ${input.filename ?? null}, ${marketplace}, 0, 0,
                  ${input.bytes.length}, 'queued', null)
          returning id::int as id`,
    );
    const id = created?.id as number;
    const size = input.pieceBytes ?? UPLOAD_PIECE_BYTES;
    for (let at = 0, seq = 0; at < input.bytes.length; at += size, seq++)
      await tx.execute(sql`
        insert into keyword_import_uploads (import_id, seq, data)
        values (${id}, ${seq}, ${input.bytes.subarray(at, at + size)})`);
    return ownedImport({ db: tx as unknown as Db, cache: deps.cache }, id, input.ownerId);
  });
  const importId = accepted.id;
  try {
    await deps.jobs.enqueue(
      'compute.keyword-import',
      { importId },
      { priority: PRIORITY.interactive },
    );
  } catch (error) {
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`delete from keyword_import_uploads where import_id = ${importId}`);
      await tx.execute(sql`
        update keyword_imports set status = 'failed', finished_at = now(),
          error = ${JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: 'The import could not be queued' })}::jsonb
        where id = ${importId}`);
    });
    throw error;
  }
  return accepted;
}
