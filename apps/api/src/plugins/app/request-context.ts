import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Who is asking and on which plan. Filled by the accounts issue; anonymous until then. */
export type RequestContext = {
  user: { id: string; role: 'user' | 'admin' } | null;
  plan: 'anonymous' | 'free' | 'pro' | 'business';
};

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export default fp(async function requestContext(app: FastifyInstance) {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { user: null, plan: 'anonymous' };
    reply.header('x-request-id', request.id);
  });
});
