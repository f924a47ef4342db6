import type {
  BatchExportQuery,
  BatchResult,
  BatchResults,
  BatchResultsQuery,
  KeywordSummary,
} from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { keywordFiltersSql } from '../keywords/keyword-filters';
import { SUMMARY_COLUMNS, type SummaryRow, toSummary } from '../keywords/summary-row';
import type { ListOwner } from '../lists/list-access';
import { ownedBatch } from './batch-access';

type Row = SummaryRow & { position: number; item_keyword: string; found: boolean };

const hasFilters = (q: Record<string, unknown>) =>
  Object.entries(q).some(
    ([key, value]) => !['limit', 'cursor', 'format'].includes(key) && value !== undefined,
  );

async function pageResults(
  db: Db,
  batchId: string,
  query: Omit<BatchResultsQuery, 'limit' | 'cursor'>,
  after: number,
  limit: number,
): Promise<Row[]> {
  // Without filters every keyword is listed, found or not; filters apply to the data found.
  const filters = hasFilters(query) ? sql`and ${keywordFiltersSql(query)}` : sql``;
  return queryRows<Row>(
    db,
    sql`select i.position, i.keyword as item_keyword, k.id is not null as found,
               ${SUMMARY_COLUMNS}, 0 as relevance
        from batch_analysis_items i left join keyword_data k on k.id = i.keyword_id
        where i.batch_id = ${batchId}::uuid and i.position > ${after} ${filters}
        order by i.position limit ${limit}`,
  );
}

const toResult = (row: Row): BatchResult => ({
  position: row.position,
  keyword: row.item_keyword,
  result: row.found ? toSummary(row) : null,
});

/** A batch's results in the order given, a page at a time (cursor: the last position seen). */
export async function findBatchResults(
  db: Db,
  owner: ListOwner,
  id: string,
  query: BatchResultsQuery,
): Promise<BatchResults> {
  const batch = await ownedBatch(db, id, owner);
  const { limit, cursor, ...filters } = query;
  const after = cursor === undefined ? -1 : Number(cursor);
  if (!Number.isInteger(after) || after < -1)
    throw new AppError('VALIDATION_FAILED', 'cursor is invalid', {
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  const rows = await pageResults(db, id, filters, after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    batch,
    data: page.map(toResult),
    nextCursor: rows.length > limit ? String(page.at(-1)?.position) : null,
  };
}

/** The found keywords of a batch, in the order given, for an export (streamed page by page). */
export async function exportBatchResults(
  db: Db,
  owner: ListOwner,
  id: string,
  query: BatchExportQuery,
): Promise<{ name: string; rows: AsyncIterable<KeywordSummary> }> {
  const batch = await ownedBatch(db, id, owner);
  const { format: _format, ...filters } = query;
  async function* rows() {
    let after = -1;
    for (;;) {
      const page = await pageResults(db, id, filters, after, 2_000);
      for (const row of page) if (row.found) yield toSummary(row);
      const last = page.at(-1);
      if (!last || page.length < 2_000) return;
      after = last.position;
    }
  }
  return { name: `batch-${batch.platform}-${batch.id.slice(0, 8)}`, rows: rows() };
}
