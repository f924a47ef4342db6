import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

/** Position after the last row of a page ordered by (sort value desc, id asc). */
export type PagePosition = { value: number; id: number };

const CursorSchema = z.object({ s: z.number(), i: z.number().int().positive(), q: z.string() });

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 8);

/** An opaque cursor, bound to the query (filters and sort) it came from. */
export function encodePageCursor(position: PagePosition, queryKey: string): string {
  const payload = { s: position.value, i: position.id, q: digest(queryKey) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodePageCursor(cursor: string, queryKey: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success || result.data.q !== digest(queryKey))
    throw new AppError('VALIDATION_FAILED', 'cursor is invalid or belongs to another query', {
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  return { value: result.data.s, id: result.data.i };
}
