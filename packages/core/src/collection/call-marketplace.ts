import type { Platform } from '@digitallz/contracts';
import { quarantinedPayloads } from '@digitallz/db';
import type { FetchOptions } from '../collectors/types';
import { AppError } from '../errors';
import { inSpan, SpanKind } from '../observability/tracing';
import type { CollectionDeps } from './collection-deps';

type RawAnswer = { url: string; status: number; contentType: string; text: string };

const DEFAULT_PAUSE_MS = 5_000;

/**
 * One marketplace call with everything the collector's named parts demand: the shared rate limit,
 * the platform's circuit breaker, the raw payload archived, a 429 pausing the platform for every
 * worker, and an invalid payload quarantined (never written as data).
 */
export async function callMarketplace<T>(
  deps: CollectionDeps,
  platform: Platform,
  operation: string,
  call: (options: FetchOptions) => Promise<T>,
): Promise<T> {
  await deps.limiter.acquire(platform);
  let answer: RawAnswer | undefined;
  const options: FetchOptions = {
    ...deps.marketplaces[platform],
    onResponse: (r) => {
      answer = r;
    },
  };
  const started = performance.now();
  const observe = (outcome: string) =>
    deps.onCall?.({ platform, operation, outcome, seconds: (performance.now() - started) / 1000 });
  try {
    const result = await inSpan(
      `marketplace ${platform} ${operation}`,
      { 'marketplace.platform': platform, 'marketplace.operation': operation },
      () => deps.breakers[platform].run(() => call(options)),
      SpanKind.CLIENT,
    );
    observe('ok');
    await archive(deps, platform, answer);
    return result;
  } catch (error) {
    observe(error instanceof AppError ? error.code : 'ERROR');
    await archive(deps, platform, answer);
    if (error instanceof AppError && error.code === 'MARKETPLACE_RATE_LIMITED') {
      const retryAfterMs = (error.details as { retryAfterMs?: number | null } | undefined)
        ?.retryAfterMs;
      await deps.limiter.pause(platform, retryAfterMs ?? DEFAULT_PAUSE_MS);
    }
    if (error instanceof AppError && error.code === 'MARKETPLACE_BAD_PAYLOAD') {
      await deps.db.insert(quarantinedPayloads).values({
        platform,
        operation,
        request: answer?.url ?? operation,
        errorCode: error.code,
        errorMessage: error.message,
        details: error.details as object,
        payload: answer?.text ?? null,
      });
    }
    throw error;
  }
}

async function archive(deps: CollectionDeps, platform: Platform, answer: RawAnswer | undefined) {
  if (!answer) return;
  try {
    await deps.archive.put({ platform, ...answer, body: answer.text, receivedAt: deps.clock() });
  } catch (error) {
    deps.onArchiveError?.(error);
  }
}
