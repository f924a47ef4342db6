import {
  ErrorResponseSchema,
  KeywordSearchQuerySchema,
  KeywordSearchResponseSchema,
} from '@digitallz/contracts';
import { searchKeywords } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['keywords'],
        summary: 'Search keywords of one platform, most relevant first',
        description:
          'Keywords that start with `q` come first, then keywords containing its words (typos ' +
          'tolerated), ties broken by search volume. Pass `nextCursor` back as `cursor` for the next page. ' +
          'When the keyword itself is unknown, a collection starts and `collection` tells how to follow it.',
        querystring: KeywordSearchQuerySchema,
        response: {
          200: KeywordSearchResponseSchema,
          400: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request) =>
      searchKeywords(
        {
          ...app.deps,
          onCollectionError: (err) => request.log.warn({ err }, 'collection not started'),
          userId: request.ctx.user?.id ?? null,
        },
        request.query,
      ),
  );
};

export default routes;
