import {
  ErrorResponseSchema,
  KeywordListPageSchema,
  ListExportQuerySchema,
  ListItemsQuerySchema,
  ShareTokenParamsSchema,
} from '@digitallz/contracts';
import { exportListKeywords, findListKeywords } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_MAX_ROWS, sendExport } from '../../lib/send-export';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };

/** Lists shared by link: read-only, no account needed. `/api/v1/shared/{token}`. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:token',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags: ['lists'],
        summary: 'A shared list, read-only',
        params: ShareTokenParamsSchema,
        querystring: ListItemsQuerySchema,
        response: { 200: KeywordListPageSchema, ...errors },
      },
    },
    async (request) => findListKeywords(app.deps.db, request.params, request.query),
  );

  app.get(
    '/:token/export',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags: ['lists'],
        summary: 'Download a shared list',
        params: ShareTokenParamsSchema,
        querystring: ListExportQuerySchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { name, rows } = await exportListKeywords(
        app.deps.db,
        request.params,
        request.query,
        EXPORT_MAX_ROWS,
      );
      return sendExport(reply, name, request.query.format, rows);
    },
  );
};

export default routes;
