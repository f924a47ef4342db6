import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * The web server's tracer provider (W3C trace context), exporting to `endpoint` over OTLP/HTTP.
 * The same setup as core's `startTracing`, written again because the web app may import only
 * `@digitallz/contracts` (core is server-only and would bring its database clients along).
 */
export function startTracing(endpoint: string) {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME ?? 'digitallz-web',
    }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
        { scheduledDelayMillis: 1_000 },
      ),
    ],
  });
  provider.register();
}
