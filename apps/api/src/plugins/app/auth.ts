import { ErrorResponseSchema } from '@digitallz/contracts';
import {
  type AccountDeps,
  AppError,
  createApiKeyAuthenticator,
  createPrincipalLoader,
  safeEqual,
} from '@digitallz/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER } from '../../lib/session-cookies';
import type { Access } from './access';
import type { RequestContext } from './request-context';

/** Routes other plugins add (the docs UI) that declare no access: always public. */
const UNDECLARED_PUBLIC = /^\/api\/docs(\/|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication and authorization. Credentials: `Authorization: Bearer <access token>`, an API
 * key (`Authorization: Bearer dz_...` or `x-api-key`), or the access-token cookie of the web app
 * (whose writes must echo the CSRF cookie in `x-csrf-token`). Each route declares its `access`;
 * this hook enforces it before anything else runs, and documents it in the OpenAPI document.
 */
export default fp(async function auth(app: FastifyInstance, options: { accounts: AccountDeps }) {
  const { accounts } = options;
  const authenticateApiKey = createApiKeyAuthenticator({
    db: accounts.db,
    cache: app.deps.cache,
    clock: accounts.clock,
  });
  const loadPrincipal = createPrincipalLoader({ db: accounts.db, cache: app.deps.cache });

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      if (UNDECLARED_PUBLIC.test(route.url) || route.url === '/api/openapi.json') return;
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
    if (access.auth === 'public' || !route.schema) return;
    const responses = (route.schema.response ?? {}) as Record<number, unknown>;
    route.schema.response = {
      ...responses,
      401: ErrorResponseSchema,
      403: ErrorResponseSchema,
      429: ErrorResponseSchema,
    };
    const schemes: Record<string, string[]>[] =
      access.auth === 'session' || access.auth === 'admin'
        ? [{ bearerAuth: [] }, { cookieAuth: [] }]
        : [{ bearerAuth: [] }, { apiKey: [] }, { cookieAuth: [] }];
    route.schema.security = access.auth === 'optional' ? [...schemes, {}] : schemes;
  });

  async function identify(request: FastifyRequest): Promise<RequestContext | null> {
    const header = request.headers.authorization;
    const apiKeyHeader = request.headers['x-api-key'];
    let bearer: string | undefined;
    if (typeof header === 'string') {
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (!match)
        throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
      bearer = match[1];
    }
    const apiKey =
      typeof apiKeyHeader === 'string'
        ? apiKeyHeader
        : bearer?.startsWith('dz_')
          ? bearer
          : undefined;
    if (apiKey) {
      const key = await authenticateApiKey(apiKey);
      return {
        user: { id: key.userId, role: key.role },
        plan: key.plan,
        via: 'api-key',
        scopes: key.scopes,
        sessionId: null,
        cookie: false,
      };
    }
    const cookie = request.cookies[ACCESS_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return null;
    const claims = await accounts.tokens.verify(token, accounts.clock());
    const principal = await loadPrincipal(claims.userId);
    if (!principal) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
    return {
      user: { id: claims.userId, role: principal.role },
      plan: principal.plan,
      via: 'session',
      scopes: null,
      sessionId: claims.sessionId,
      cookie: !bearer,
    };
  }

  app.addHook('onRequest', async (request) => {
    const access: Access | undefined = request.routeOptions.config.access;
    if (!access) return; // 404s and the docs UI
    const ctx = await identify(request);
    if (ctx) request.ctx = ctx;
    if (ctx?.cookie && !SAFE_METHODS.has(request.method)) checkCsrf(request);
    enforce(access, request.ctx);
  });
});

function checkCsrf(request: FastifyRequest) {
  const sent = request.headers[CSRF_HEADER];
  const expected = request.cookies[CSRF_COOKIE];
  if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected))
    throw new AppError('FORBIDDEN', `cookie-authenticated writes need the ${CSRF_HEADER} header`);
}

function enforce(access: Access, ctx: RequestContext) {
  if (access.auth === 'public') return;
  if (access.auth === 'optional' && !ctx.user) return;
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'sign in or send an API key');
  if (access.auth === 'session' || access.auth === 'admin') {
    if (ctx.via !== 'session')
      throw new AppError('FORBIDDEN', 'this needs a signed-in session, not an API key');
    if (access.auth === 'admin' && ctx.user.role !== 'admin')
      throw new AppError('FORBIDDEN', 'this needs an administrator');
    return;
  }
  if (ctx.scopes && !ctx.scopes.includes(access.scope))
    throw new AppError('FORBIDDEN', `the API key lacks the "${access.scope}" scope`);
}
