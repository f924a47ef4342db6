import type { ExportFormat, KeywordSummary } from '@digitallz/contracts';
import { AppError, EXPORT_CONTENT_TYPES, planOf, writeKeywordExport } from '@digitallz/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Rows an export may hold at most (shared links, the largest plan). */
export const EXPORT_MAX_ROWS = 100_000;

/** The rows the caller's plan lets them export; exports need an account. */
export function exportRowsFor(request: FastifyRequest): number {
  const rows = planOf(request.ctx.plan).exportRows;
  if (rows <= 0)
    throw new AppError('UNAUTHENTICATED', 'exports need an account: sign in or send an API key');
  return Math.min(rows, EXPORT_MAX_ROWS);
}

/** Streams keywords as a download named after what they are. */
export function sendExport(
  reply: FastifyReply,
  name: string,
  format: ExportFormat,
  rows: AsyncIterable<KeywordSummary>,
) {
  const file = `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'keywords'}.${format}`;
  return reply
    .header('content-type', EXPORT_CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${file}"`)
    .send(writeKeywordExport(rows, format));
}
