import type { Platform } from '@digitallz/contracts';
import { AppError } from '../errors';

export type RequestOptions = {
  platform: Platform;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sees every answer, good or bad, before it is parsed (raw payload archive, quarantine). */
  onResponse?: (response: RawResponse & { url: string }) => void;
};

export type RawResponse = { status: number; contentType: string; text: string };

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One HTTP call to a marketplace. Every failure becomes an AppError whose code says whether a
 * retry can help: 429 (with Retry-After), 5xx and timeouts are retryable; 401/403, other 4xx and
 * non-JSON bodies are not.
 */
export async function requestJson(
  url: string,
  init: RequestInit,
  options: RequestOptions,
): Promise<{ body: unknown; raw: RawResponse }> {
  const doFetch = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await doFetch(url, { ...init, signal });
  } catch (error) {
    if (timeout.aborted) {
      throw new AppError('MARKETPLACE_TIMEOUT', `${options.platform} did not answer in time`, {
        details: { platform: options.platform },
        cause: error,
      });
    }
    throw new AppError('MARKETPLACE_UNAVAILABLE', `${options.platform} cannot be reached`, {
      details: { platform: options.platform },
      cause: error,
    });
  }
  const text = await response.text().catch(() => '');
  const raw = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
  };
  options.onResponse?.({ ...raw, url });
  if (!response.ok) throw statusError(options.platform, response, raw);
  try {
    return { body: JSON.parse(text), raw };
  } catch (error) {
    throw new AppError(
      'MARKETPLACE_BAD_PAYLOAD',
      `${options.platform} answered with a body that is not JSON`,
      {
        details: {
          platform: options.platform,
          status: response.status,
          contentType: raw.contentType,
          raw: text.slice(0, 2_000),
        },
        cause: error,
      },
    );
  }
}

function statusError(platform: Platform, response: Response, raw: RawResponse): AppError {
  const details = { platform, status: response.status, raw: raw.text.slice(0, 2_000) };
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new AppError('MARKETPLACE_RATE_LIMITED', `${platform} is rate limiting us`, {
      details: { ...details, retryAfterMs },
    });
  }
  if (response.status === 401 || response.status === 403) {
    return new AppError(
      'MARKETPLACE_AUTH_FAILED',
      `${platform} refused our credentials (${response.status})`,
      { details },
    );
  }
  if (response.status >= 500) {
    return new AppError('MARKETPLACE_UNAVAILABLE', `${platform} failed with ${response.status}`, {
      details,
    });
  }
  return new AppError(
    'MARKETPLACE_REJECTED',
    `${platform} rejected the request (${response.status})`,
    { details },
  );
}

/** Retry-After is either seconds or an HTTP date; returns milliseconds, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
