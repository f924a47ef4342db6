import { HealthResponseSchema, ReadyResponseSchema } from '@digitallz/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const PROBE_TIMEOUT_MS = 2_000;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        response: { 200: HealthResponseSchema },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags: ['health'],
        summary: 'The database and the cache answer',
        response: { 200: ReadyResponseSchema, 503: ReadyResponseSchema },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const [database, cache] = await Promise.all([
        probe(() => app.deps.database.ping()),
        probe(() => app.deps.cache.ping()),
      ]);
      const ready = database === 'up' && cache === 'up';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'unavailable', checks: { database, cache } });
    },
  );
};

async function probe(check: () => Promise<void>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export default routes;
