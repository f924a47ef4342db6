import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

/** Position after the last row of a page ordered by (sort value desc, id asc). */
export type PagePosition = { value: number; id: number };

const CursorSchema = z.object({ s: z.number(), i: z.number().int().positive(), q: z.string() });

/** Bound to the query and the position; signed (HMAC-SHA256) when a secret is given. */
function digest(position: PagePosition, queryKey: string, secret?: string): string {
  const hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  return hash
    .update(`${queryKey}\n${position.value}\n${position.id}`)
    .digest('base64url')
    .slice(0, 16);
}

/** An opaque cursor, bound to the query (filters and sort) it came from. */
export function encodePageCursor(
  position: PagePosition,
  queryKey: string,
  secret?: string,
): string {
  const payload = { s: position.value, i: position.id, q: digest(position, queryKey, secret) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodePageCursor(cursor: string, queryKey: string, secret?: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = CursorSchema.safeParse(parsed);
  const position = result.success ? { value: result.data.s, id: result.data.i } : null;
  if (!position || result.data?.q !== digest(position, queryKey, secret))
    throw new AppError('VALIDATION_FAILED', 'cursor is invalid or belongs to another query', {
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  return position;
}
