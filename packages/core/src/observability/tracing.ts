import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

export type Tracing = { readonly enabled: boolean; shutdown(): Promise<void> };

/**
 * OpenTelemetry tracing, on only when an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://otel-collector:4318). It registers the global tracer
 * provider, the W3C trace-context propagator and the async context manager; spans are sent in
 * batches over OTLP/HTTP. Without an endpoint the API calls below are no-ops.
 */
export async function startTracing(options: {
  serviceName: string;
  endpoint?: string;
}): Promise<Tracing> {
  if (!options.endpoint) return { enabled: false, shutdown: async () => {} };
  const [
    { NodeTracerProvider, BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
        { scheduledDelayMillis: 1_000 },
      ),
    ],
  });
  provider.register();
  active++;
  let stopped = false;
  return {
    enabled: true,
    shutdown: async () => {
      if (!stopped) active--;
      stopped = true;
      await provider.shutdown();
    },
  };
}

/** Tracings started and not shut down: request hooks do nothing while there are none. */
let active = 0;

/** Whether spans are being recorded (a started tracing), so that callers can skip making them. */
export const tracingActive = () => active > 0;

const tracer = () => trace.getTracer('digitallz');

/** Runs `work` in a span of its own (a child of the active one); errors mark the span failed. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A server span for an incoming request, continuing the caller's trace (`traceparent`), and the
 * context to run the request in so that its own spans become children.
 */
export function startServerSpan(name: string, headers: Record<string, unknown>) {
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** The active trace and span ids, for log lines (empty without tracing). */
export function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Adds the active trace context to outgoing headers (W3C `traceparent`). */
export function injectTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

export { context as traceContext, SpanKind, SpanStatusCode };
