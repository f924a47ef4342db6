/**
 * Next.js calls this once at server start. With OTEL_EXPORTER_OTLP_ENDPOINT set, the web server
 * sends its spans (Next's own: each request and render) over OTLP, and `apiFetch` passes the
 * trace on to the API in `traceparent`: web -> API -> cache/DB -> queue -> worker is one trace.
 */
export async function register() {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !endpoint) return;
  const { startTracing } = await import('./lib/tracing');
  startTracing(endpoint);
}
