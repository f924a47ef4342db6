import {
  CreateListBodySchema,
  ErrorResponseSchema,
  KeywordListPageSchema,
  KeywordListSchema,
  KeywordListsSchema,
  ListChangeResultSchema,
  ListExportQuerySchema,
  ListIdParamsSchema,
  ListItemsQuerySchema,
  ListKeywordsBodySchema,
  RenameListBodySchema,
} from '@digitallz/contracts';
import {
  changeListKeywords,
  createList,
  deleteList,
  exportListKeywords,
  findListKeywords,
  findLists,
  renameList,
  shareList,
  unshareList,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportRowsFor, sendExport } from '../../lib/send-export';
import { userIdOf } from '../../plugins/app/request-context';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };
const tags = ['lists'];

/** The caller's keyword lists: `/api/v1/lists`. Owner-only; shared read-only under /shared. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const owner = userIdOf;
  const { db } = app.deps;

  app.get(
    '/',
    {
      config: { access: { auth: 'user', scope: 'lists:read' } },
      schema: { tags, summary: 'Your keyword lists', response: { 200: KeywordListsSchema } },
    },
    async (request) => ({ data: await findLists(db, owner(request)) }),
  );

  app.post(
    '/',
    {
      config: { access: { auth: 'user', scope: 'lists:write' } },
      schema: {
        tags,
        summary: 'Create a list',
        body: CreateListBodySchema,
        response: { 201: KeywordListSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createList(db, owner(request), request.body.name)),
  );

  app.get(
    '/:id',
    {
      config: { access: { auth: 'user', scope: 'lists:read' } },
      schema: {
        tags,
        summary: 'A list and its keywords, filtered and sorted, a page at a time',
        params: ListIdParamsSchema,
        querystring: ListItemsQuerySchema,
        response: { 200: KeywordListPageSchema, ...errors },
      },
    },
    async (request) =>
      findListKeywords(db, { id: request.params.id, owner: owner(request) }, request.query),
  );

  app.patch(
    '/:id',
    {
      config: { access: { auth: 'user', scope: 'lists:write' } },
      schema: {
        tags,
        summary: 'Rename a list',
        params: ListIdParamsSchema,
        body: RenameListBodySchema,
        response: { 200: KeywordListSchema, ...errors },
      },
    },
    async (request) => renameList(db, owner(request), request.params.id, request.body.name),
  );

  app.delete(
    '/:id',
    {
      config: { access: { auth: 'user', scope: 'lists:write' } },
      schema: {
        tags,
        summary: 'Delete a list',
        params: ListIdParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      await deleteList(db, owner(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const [method, change] of [
    ['post', 'add'],
    ['delete', 'remove'],
  ] as const)
    app[method](
      '/:id/keywords',
      {
        config: { access: { auth: 'user', scope: 'lists:write' } },
        schema: {
          tags,
          summary: `${change === 'add' ? 'Add' : 'Remove'} keywords (up to 1,000 per request)`,
          params: ListIdParamsSchema,
          body: ListKeywordsBodySchema,
          response: { 200: ListChangeResultSchema, ...errors },
        },
      },
      async (request) =>
        changeListKeywords(db, owner(request), request.params.id, change, request.body.keywords),
    );

  app.post(
    '/:id/share',
    {
      config: { access: { auth: 'user', scope: 'lists:write' } },
      schema: {
        tags,
        summary: 'Share read-only by link',
        params: ListIdParamsSchema,
        response: { 200: KeywordListSchema, ...errors },
      },
    },
    async (request) => shareList(db, owner(request), request.params.id),
  );

  app.delete(
    '/:id/share',
    {
      config: { access: { auth: 'user', scope: 'lists:write' } },
      schema: {
        tags,
        summary: 'Stop sharing: the link stops working',
        params: ListIdParamsSchema,
        response: { 200: KeywordListSchema, ...errors },
      },
    },
    async (request) => unshareList(db, owner(request), request.params.id),
  );

  app.get(
    '/:id/export',
    {
      config: { access: { auth: 'user', scope: 'lists:read' } },
      schema: {
        tags,
        summary: 'Download a list as CSV, XLSX or JSON (streamed)',
        params: ListIdParamsSchema,
        querystring: ListExportQuerySchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { name, rows } = await exportListKeywords(
        db,
        { id: request.params.id, owner: owner(request) },
        request.query,
        exportRowsFor(request),
      );
      return sendExport(reply, name, request.query.format, rows);
    },
  );
};

export default routes;
