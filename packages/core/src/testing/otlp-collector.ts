import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CollectedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  /** The service.name of the process that sent it. */
  service?: string;
};

type ResourceSpans = {
  resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
  scopeSpans?: { spans: CollectedSpan[] }[];
};

/** A stand-in OpenTelemetry collector: keeps the spans posted to /v1/traces (OTLP/HTTP JSON). */
export async function startOtlpCollector() {
  const spans: CollectedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/v1/traces')
        for (const rs of (JSON.parse(body).resourceSpans ?? []) as ResourceSpans[]) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value
            .stringValue;
          for (const ss of rs.scopeSpans ?? [])
            spans.push(...ss.spans.map((span) => ({ ...span, service })));
        }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
