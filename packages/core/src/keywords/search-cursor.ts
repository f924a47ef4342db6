import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

/** Position after the last row of a page, in the order (relevance desc, volume desc, id asc). */
export type SearchPosition = { relevance: number; volume: number; id: number };

const CursorSchema = z.object({
  r: z.number().int(),
  v: z.number().int(),
  i: z.number().int().positive(),
  q: z.string().min(8).max(32),
});

/**
 * Cursors are opaque, and bound to the query and the position they came from. With a secret
 * they are signed (HMAC-SHA256): nobody but the API can make one, so a next page is always the
 * next page of a search that was made (the daily search quota counts first pages only).
 */
export function encodeSearchCursor(
  position: SearchPosition,
  queryKey: string,
  secret?: string,
): string {
  const payload = {
    r: position.relevance,
    v: position.volume,
    i: position.id,
    q: digest(signed(position, queryKey), secret),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeSearchCursor(
  cursor: string,
  queryKey: string,
  secret?: string,
): SearchPosition {
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
  if (!result.success) throw invalid();
  const position = { relevance: result.data.r, volume: result.data.v, id: result.data.i };
  if (result.data.q !== digest(signed(position, queryKey), secret)) throw invalid();
  return position;
}

const signed = (p: SearchPosition, queryKey: string) =>
  `${queryKey}\n${p.relevance}\n${p.volume}\n${p.id}`;

function digest(text: string, secret?: string): string {
  const hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  return hash.update(text).digest('base64url').slice(0, 16);
}
