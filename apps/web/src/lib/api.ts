import 'server-only';
import {
  ErrorResponseSchema,
  type KeywordSearchQuery,
  type KeywordSearchResponse,
  KeywordSearchResponseSchema,
} from '@digitallz/contracts';
import { context, propagation } from '@opentelemetry/api';
import { cookies, headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { parse as parseSetCookie } from 'set-cookie-parser';
import type { z } from 'zod';
import { env } from '../env';
import { cookieOptions, SESSION_COOKIES } from './session-cookie-options';

export type ApiResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; status: number; code: string; message: string; details?: unknown };

/**
 * Calls the API as the visitor: their session cookies (and the CSRF token for writes), their
 * address for per-visitor limits, the page's language. Failures come back as values, never as thrown errors.
 */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init: {
    method?: string;
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as it is, with its content type (an uploaded file). */
    file?: { bytes: Blob; contentType: string };
    relayCookies?: boolean;
  } = {},
): Promise<ApiResult<z.infer<S>>> {
  const jar = await cookies();
  const forwarded = (await headers()).get('x-forwarded-for');
  const method = init.method ?? 'GET';
  const requestHeaders: Record<string, string> = {};
  const cookieHeader = SESSION_COOKIES.flatMap((name) => {
    const value = jar.get(name)?.value;
    return value ? [`${name}=${value}`] : [];
  }).join('; ');
  if (cookieHeader) requestHeaders.cookie = cookieHeader;
  if (forwarded) requestHeaders['x-forwarded-for'] = forwarded;
  // The page's language: what the API writes for people (notifications) comes back in it.
  requestHeaders['accept-language'] = await getLocale();
  if (method !== 'GET') requestHeaders['x-csrf-token'] = jar.get('dz_csrf')?.value ?? '';
  if (init.body !== undefined) requestHeaders['content-type'] = 'application/json';
  if (init.file) requestHeaders['content-type'] = init.file.contentType;
  // The page's trace goes on in the API (traceparent), when tracing is on.
  propagation.inject(context.active(), requestHeaders);
  let response: Response;
  try {
    response = await fetch(`${env.API_URL}${path}`, {
      method,
      headers: requestHeaders,
      body: init.file?.bytes ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
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
  if (init.relayCookies) await relaySetCookies(response);
  if (response.status === 204) return { ok: true, data: null as z.infer<S>, status: 204 };
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, data: parsed.data, status: response.status };
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

/** Passes the API's session cookies on to the browser (server actions only). */
export async function relaySetCookies(response: Response) {
  const jar = await cookies();
  for (const cookie of parseSetCookie(response.headers.getSetCookie())) {
    if (!SESSION_COOKIES.includes(cookie.name)) continue;
    jar.set(cookie.name, cookie.value, cookieOptions(cookie));
  }
}

/** Calls the keyword search endpoint. */
export async function searchKeywords(
  query: Pick<KeywordSearchQuery, 'q' | 'platform' | 'marketplace'> & {
    cursor?: string;
    limit?: number;
  },
): Promise<ApiResult<KeywordSearchResponse>> {
  const params = new URLSearchParams({
    q: query.q,
    platform: query.platform,
    marketplace: query.marketplace,
    limit: String(query.limit ?? 25),
  });
  if (query.cursor) params.set('cursor', query.cursor);
  return apiFetch(`/api/v1/keywords/search?${params}`, KeywordSearchResponseSchema);
}
