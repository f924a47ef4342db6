import { SpanStatusCode, startServerSpan, traceContext, tracingActive } from '@digitallz/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

type ServerSpan = ReturnType<typeof startServerSpan>['span'];

/**
 * One OpenTelemetry server span per request, continuing the caller's trace (`traceparent` from
 * the web server or another service). The rest of the request runs in its context, so the
 * database, cache, queue and marketplace spans it makes are its children, and its log lines
 * carry its trace id. Until tracing is started the hooks make no span at all (a cached answer's
 * time is mostly hooks like these).
 */
export default fp(async function tracing(app: FastifyInstance) {
  const spans = new WeakMap<FastifyRequest, ServerSpan>();
  app.addHook('onRequest', (request, _reply, done) => {
    if (!tracingActive()) return done();
    const { span, context } = startServerSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      request.headers,
    );
    span.setAttribute('http.request.method', request.method);
    span.setAttribute('http.route', request.routeOptions.url ?? 'unmatched');
    span.setAttribute('digitallz.request_id', request.id);
    spans.set(request, span);
    traceContext.with(context, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
});
