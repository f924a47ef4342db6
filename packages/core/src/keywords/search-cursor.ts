import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

/** Position after the last row of a page, in the order (relevance desc, volume desc, id asc). */
export type SearchPosition = { relevance: number; volume: number; id: number };

const CursorSchema = z.object({
  r: z.number().int(),
  v: z.number().int(),
  i: z.number().int().positive(),
  q: z.string().length(8),
});

/** Cursors are opaque, and bound to the query they came from. */
export function encodeSearchCursor(position: SearchPosition, queryKey: string): string {
  const payload = {
    r: position.relevance,
    v: position.volume,
    i: position.id,
    q: digest(queryKey),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeSearchCursor(cursor: string, queryKey: string): SearchPosition {
  const invalid = () =>
    new AppError('VALIDATION_FAILED', 'cursor is invalid or belongs to another query', {
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success || result.data.q !== digest(queryKey)) throw invalid();
  return { relevance: result.data.r, volume: result.data.v, id: result.data.i };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}
