import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * The headers helmet sets for these options, computed once: they depend on nothing in the
 * request (no nonces), and building helmet's middleware on every request, as @fastify/helmet
 * does, cost about 7% of a cached answer's time.
 */
export function helmetHeaders(options: HelmetOptions = HELMET): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}

/**
 * The security headers of a JSON answer (OWASP REST Security Cheat Sheet): nothing may load or
 * frame it, browsers must not sniff it as something else, HTTPS only. The rest of helmet's set
 * (DNS prefetch, download options, opener and agent-cluster policies, the XSS auditor) governs
 * HTML documents: on each of 6-10k cached answers a second they cost time for nothing (a
 * response's header count is most of what node:http spends on it: BENCHMARKS.md, session 15).
 */
export const API_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-site',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** The interactive docs: HTML pages, with helmet's whole set. */
const DOCS = /^\/api\/docs(\/|\?|$)/;

/**
 * Cookies, CORS and security headers. Browsers may call the API with credentials only from the
 * configured origins; every JSON answer carries `API_HEADERS` (HSTS, nosniff, frame denial, a
 * CSP that lets it load nothing), the docs UI helmet's set (a strict CSP that still lets it load
 * its own scripts).
 */
export default fp(async function security(
  app: FastifyInstance,
  options: { corsOrigins: string[] },
) {
  await app.register(cookie);
  const origins = new Set(options.corsOrigins);
  await app.register(cors, {
    // A function rather than the list: a request from no origin or another one gets no CORS
    // headers at all (with the list, every answer carried the credentials and exposed headers).
    origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-csrf-token', 'x-request-id'],
    exposedHeaders: [
      'x-request-id',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'ratelimit-policy',
      'x-searches-remaining',
      'content-disposition',
    ],
    maxAge: 600,
  });
  const docs = helmetHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(DOCS.test(request.url) ? docs : API_HEADERS);
    done();
  });
});
