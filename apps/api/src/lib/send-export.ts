import type { ExportFormat, KeywordSummary } from '@digitallz/contracts';
import { EXPORT_CONTENT_TYPES, writeKeywordExport } from '@digitallz/core';
import type { FastifyReply } from 'fastify';

/** Rows an export may hold until plans set their own limits (accounts issue). */
export const EXPORT_MAX_ROWS = 100_000;

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
