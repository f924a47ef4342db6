import { PlansSchema } from '@digitallz/contracts';
import { allPlans } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The plans and their quotas: `/api/v1/plans`. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags: ['account'],
        summary: 'Plans, prices and quotas',
        response: { 200: PlansSchema },
      },
    },
    async () => ({ data: allPlans() }),
  );
};

export default routes;
