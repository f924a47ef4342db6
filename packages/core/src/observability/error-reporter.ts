export type ErrorContext = { service: string; requestId?: string; route?: string; job?: string };

/** Where unexpected errors go besides the log: Sentry when a DSN is configured, else nowhere. */
export type ErrorReporter = {
  readonly enabled: boolean;
  report(error: unknown, context: ErrorContext): void;
  /** Sends what is still queued (at shutdown). */
  close(): Promise<void>;
};

/**
 * Sentry error reporting, on only when `dsn` is set. Only errors are sent (no tracing: traces
 * are OpenTelemetry's job), without user data, cookies, headers, bodies or query strings
 * (`dataCollection` all off, and the default integrations that read requests left out): a
 * secret in a request never leaves the process.
 */
export async function createErrorReporter(options: {
  dsn?: string;
  environment?: string;
  release?: string;
}): Promise<ErrorReporter> {
  if (!options.dsn) return { enabled: false, report: () => {}, close: async () => {} };
  // Loaded only when configured: a process without a DSN does not carry the SDK.
  const Sentry = await import('@sentry/node');
  const client = Sentry.init({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
    },
    enableOpenTelemetrySetup: false,
    enableRuntimeChannelInjection: false,
    tracesSampleRate: 0,
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.dedupeIntegration()],
  });
  return {
    enabled: true,
    report: (error, context) => {
      Sentry.withScope((scope) => {
        scope.setTag('service', context.service);
        if (context.route) scope.setTag('route', context.route);
        if (context.job) scope.setTag('job', context.job);
        if (context.requestId) scope.setTag('request_id', context.requestId);
        Sentry.captureException(error);
      });
    },
    close: async () => {
      await client?.close(2_000);
    },
  };
}
