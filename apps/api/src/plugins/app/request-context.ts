import type { ApiKeyScope, PlanName } from '@digitallz/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Who is asking, how they proved it, and on which plan. Filled by the auth plugin. */
export type RequestContext = {
  user: { id: string; role: 'user' | 'admin' } | null;
  plan: PlanName;
  /** `session`: a web sign-in (access token); `api-key`: limited to `scopes`. */
  via: 'anonymous' | 'session' | 'api-key';
  /** Null means every scope (sessions). */
  scopes: ApiKeyScope[] | null;
  sessionId: string | null;
  /** True when the access token came from the cookie (writes then need the CSRF header). */
  cookie: boolean;
};

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const ANONYMOUS: RequestContext = {
  user: null,
  plan: 'anonymous',
  via: 'anonymous',
  scopes: [],
  sessionId: null,
  cookie: false,
};

export default fp(async function requestContext(app: FastifyInstance) {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', (request, reply, done) => {
    request.ctx = ANONYMOUS;
    reply.header('x-request-id', request.id);
    done();
  });
});

/** The signed-in user's id; the auth plugin guarantees one on routes that require a user. */
export function userIdOf(request: { ctx: RequestContext }): string {
  const id = request.ctx.user?.id;
  if (!id) throw new Error('route declared auth but reached the handler without a user');
  return id;
}

/** What the audit log keeps about where a request came from. */
export function metaOf(request: { ip: string; headers: Record<string, unknown> }) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}
