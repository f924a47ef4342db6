import type { Translate } from './explain';

/** What a failed API call came back as (`ApiResult` when not ok). */
export type ApiFailure = { status: number; code: string; message: string; details?: unknown };

/** A quota's details, as the API's limiter gives them (`QUOTA_EXCEEDED`, `RATE_LIMITED`). */
function quotaOf(
  details: unknown,
): { rule: string; limit: number; retryAfterSeconds: number } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { rule, limit, retryAfterSeconds } = details as Record<string, unknown>;
  return typeof rule === 'string' &&
    typeof limit === 'number' &&
    typeof retryAfterSeconds === 'number'
    ? { rule, limit, retryAfterSeconds }
    : null;
}

/**
 * A failed API call in the reader's language (the `errors` messages): the failures a visitor
 * meets on any page (a quota, the service down, a session ended, a plan's limit) by their code
 * and details; any other (a validation message naming a field) as the API wrote it.
 * `after(seconds)`: "in 16 seconds", as the reader's locale says it.
 */
export function describeApiError(
  failure: ApiFailure,
  t: Translate,
  number: (value: number) => string,
  after: (seconds: number) => string,
): string {
  const quota = quotaOf(failure.details);
  if ((failure.code === 'QUOTA_EXCEEDED' || failure.code === 'RATE_LIMITED') && quota) {
    const values = { limit: number(quota.limit), when: after(quota.retryAfterSeconds) };
    return quota.rule === 'searches' ? t('searchesUsed', values) : t('tooMany', values);
  }
  if (failure.status >= 500) return t('unavailable');
  if (failure.code === 'UNAUTHENTICATED') return t('signIn');
  if (failure.code === 'PLAN_LIMIT_REACHED') return t('planLimit');
  return failure.message;
}
