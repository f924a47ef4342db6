import 'server-only';
import {
  ErrorResponseSchema,
  type KeywordSearchQuery,
  type KeywordSearchResponse,
  KeywordSearchResponseSchema,
} from '@digitallz/contracts';
import { env } from '../env';

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string };

/** Calls the keyword search endpoint; failures come back as values, never as thrown errors. */
export async function searchKeywords(
  query: Pick<KeywordSearchQuery, 'q' | 'platform'> & { cursor?: string; limit?: number },
): Promise<ApiResult<KeywordSearchResponse>> {
  const params = new URLSearchParams({
    q: query.q,
    platform: query.platform,
    limit: String(query.limit ?? 25),
  });
  if (query.cursor) params.set('cursor', query.cursor);
  let response: Response;
  try {
    response = await fetch(`${env.API_URL}/api/v1/keywords/search?${params}`, {
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The API cannot be reached.',
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = KeywordSearchResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, data: parsed.data };
    return {
      ok: false,
      status: 502,
      code: 'BAD_RESPONSE',
      message: 'The API answered in an unexpected shape.',
    };
  }
  const error = ErrorResponseSchema.safeParse(body);
  return error.success
    ? { ok: false, status: response.status, ...error.data.error }
    : {
        ok: false,
        status: response.status,
        code: 'HTTP_ERROR',
        message: `The API answered ${response.status}.`,
      };
}
