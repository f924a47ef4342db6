/** Every error the domain raises has one of these codes; the API maps each to one HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PLAN_LIMIT_REACHED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  MARKETPLACE_CREDENTIALS_REQUIRED: 400,
  MARKETPLACE_RATE_LIMITED: 429,
  INTERNAL: 500,
  MARKETPLACE_AUTH_FAILED: 502,
  MARKETPLACE_BAD_PAYLOAD: 502,
  MARKETPLACE_REJECTED: 502,
  SERVICE_UNAVAILABLE: 503,
  MARKETPLACE_UNAVAILABLE: 503,
  MARKETPLACE_TIMEOUT: 504,
} as const;

/** Failures that may succeed later: jobs retry these with backoff; every other code is final. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'MARKETPLACE_RATE_LIMITED',
  'MARKETPLACE_UNAVAILABLE',
  'MARKETPLACE_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
]);

/**
 * What a job retries (its attempts and backoff): the transient failures above, and a malformed
 * marketplace answer, most often a truncated or garbled one that the next call gets right (the
 * payload is quarantined either way, and the circuit breaker does not count it).
 */
export const JOB_RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ...RETRYABLE_CODES,
  'MARKETPLACE_BAD_PAYLOAD',
]);

export type ErrorCode = keyof typeof ERROR_STATUS;

export type AppErrorOptions = {
  details?: unknown;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection is closed/i,
  /stream isn't writeable/i,
  /cannot use a pool after calling end/i,
  /database system is (starting up|shutting down)/i,
];

/**
 * True when `error` means a backing service (PostgreSQL, Redis) cannot be reached right now,
 * as opposed to a bug or bad input: such failures become 503 SERVICE_UNAVAILABLE.
 */
export function isServiceUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause, errors } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_ERRNOS.has(code) || /^(08|57P0)/.test(code))) {
      return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) {
      return true;
    }
    if (Array.isArray(errors) && errors.some((inner) => isServiceUnavailable(inner))) return true;
    e = cause;
  }
  return false;
}
