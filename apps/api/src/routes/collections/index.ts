import {
  CollectionParamsSchema,
  CollectionStatusSchema,
  ErrorResponseSchema,
} from '@digitallz/contracts';
import { getCollection } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      config: { access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Progress of a keyword collection',
        params: CollectionParamsSchema,
        response: {
          200: CollectionStatusSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => getCollection(app.deps, request.params.id),
  );
};

export default routes;
