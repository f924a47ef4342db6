import { type Limiter, type LimitState, planRules } from '@digitallz/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    limiter: Limiter;
  }
}

/** Requests a signed-in web session may make per minute (pages, not API calls). */
const WEB_REQUESTS = { name: 'web requests', points: 600, seconds: 60 };

/** Whose budget a request spends: the user's, or the address's when anonymous. */
export function subjectOf(request: FastifyRequest): string {
  return request.ctx.user ? `user:${request.ctx.user.id}` : `ip:${request.ip}`;
}

/** What is left of a plan's quotas for a subject (`user:<id>` or `ip:<address>`). */
export async function quotaUse(
  limiter: Limiter,
  plan: Parameters<typeof planRules>[0],
  subject: string,
) {
  const rules = planRules(plan);
  const [searchesPerDay, apiCallsPerMinute, apiCallsPerDay] = await Promise.all([
    limiter.peek(rules.searchesPerDay, subject),
    limiter.peek(rules.apiCallsPerMinute, subject),
    limiter.peek(rules.apiCallsPerDay, subject),
  ]);
  return { plan, searchesPerDay, apiCallsPerMinute, apiCallsPerDay };
}

/** RateLimit-* headers (IETF draft) for the tightest window a request went through. */
export function setRateLimitHeaders(reply: FastifyReply, state: LimitState, policy: string) {
  reply.header('ratelimit-limit', state.limit);
  reply.header('ratelimit-remaining', state.remaining);
  reply.header('ratelimit-reset', state.resetSeconds);
  reply.header('ratelimit-policy', policy);
}

/**
 * Plan quotas, enforced before the handler: API calls per minute and per day for every
 * non-public route called with an API key, a bearer token or anonymously (the web app's
 * cookie session has its own per-minute ceiling instead), searches per day where the route says
 * so, per-IP limits on the auth routes.
 * Counters are atomic in Redis (in-process when embedded); over a limit: 429 with Retry-After.
 */
export default fp(async function quotas(app: FastifyInstance, options: { limiter: Limiter }) {
  const { limiter } = options;
  app.decorate('limiter', limiter);

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    if (access.auth === 'public') {
      if (!access.ipLimit) return;
      const state = await limiter.consume(access.ipLimit, request.ip, { code: 'RATE_LIMITED' });
      setRateLimitHeaders(reply, state, `${access.ipLimit.points};w=${access.ipLimit.seconds}`);
      return;
    }
    const rules = planRules(request.ctx.plan);
    const subject = subjectOf(request);
    if (request.ctx.cookie) {
      // The web app's own calls are not API calls: a page needs several. A per-user ceiling
      // still stops a runaway tab or a script borrowing the cookie.
      const web = await limiter.consume(WEB_REQUESTS, subject, { code: 'RATE_LIMITED' });
      setRateLimitHeaders(reply, web, `${WEB_REQUESTS.points};w=60`);
    } else {
      const minute = await limiter.consume(rules.apiCallsPerMinute, subject);
      await limiter.consume(rules.apiCallsPerDay, subject);
      setRateLimitHeaders(
        reply,
        minute,
        `${rules.apiCallsPerMinute.points};w=60, ${rules.apiCallsPerDay.points};w=86400`,
      );
    }
    // Pages after the first of one search (a cursor is bound to its query) are the same search.
    const nextPage = Boolean((request.query as { cursor?: unknown } | undefined)?.cursor);
    if ('quota' in access && access.quota === 'searchesPerDay' && !nextPage) {
      const state = await limiter.consume(rules.searchesPerDay, subject);
      reply.header('x-searches-remaining', state.remaining);
    }
  });
});
