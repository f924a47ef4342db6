import { AppError } from '@digitallz/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The path of the first string holding a NUL character, or null (depth-limited, like the body).
 * Bytes (an uploaded report) are not text: their reader refuses a binary file itself. Walked,
 * a 50 MB upload became 50 million entries and ran the API out of memory.
 */
export function nulPath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (depth > 64 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value))
    return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = nulPath(child, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold a NUL character: a request carrying one anywhere (path, query,
 * JSON body) is refused with a 400 before validation, instead of failing in the database.
 */
export default fp(async function rejectNul(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const where =
      nulPath(request.params, 'params') ??
      nulPath(request.query, 'query') ??
      (typeof request.body === 'object' ? nulPath(request.body, 'body') : null);
    if (where !== null)
      throw new AppError('VALIDATION_FAILED', `${where}: must not contain NUL characters`);
  });
});
