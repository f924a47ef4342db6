import {
  BatchExportQuerySchema,
  BatchIdParamsSchema,
  BatchResultsQuerySchema,
  BatchResultsSchema,
  BatchSchema,
  CreateBatchBodySchema,
  ErrorResponseSchema,
} from '@digitallz/contracts';
import {
  AppError,
  createBatch,
  exportBatchResults,
  findBatchResults,
  ownedBatch,
  planOf,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendExport } from '../../lib/send-export';
import { userIdOf } from '../../plugins/app/request-context';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };
const tags = ['batches'];
/** 10,000 keywords of up to 200 characters, JSON-quoted. */
const BATCH_BODY_LIMIT = 4 * 1024 * 1024;

/** Bulk analysis: `/api/v1/batches`. Submit up to 10,000 keywords, follow progress, download. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const owner = userIdOf;
  const { db } = app.deps;

  app.post(
    '/',
    {
      config: { access: { auth: 'user', scope: 'batches:write' } },
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Analyse up to 10,000 keywords of one platform as a job',
        description:
          'Answers 202 at once; follow `progress` on the batch, then read or download the results.',
        body: CreateBatchBodySchema,
        response: {
          202: BatchSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { batchSize } = planOf(request.ctx.plan);
      if (request.body.keywords.length > batchSize)
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `your plan analyses up to ${batchSize.toLocaleString('en-US')} keywords per batch (${request.body.keywords.length.toLocaleString('en-US')} sent)`,
        );
      return reply.code(202).send(await createBatch(app.deps, owner(request), request.body));
    },
  );

  app.get(
    '/:id',
    {
      config: { access: { auth: 'user', scope: 'batches:read' } },
      schema: {
        tags,
        summary: 'A batch and its progress',
        params: BatchIdParamsSchema,
        response: { 200: BatchSchema, ...errors },
      },
    },
    async (request) => ownedBatch(db, request.params.id, owner(request)),
  );

  app.get(
    '/:id/results',
    {
      config: { access: { auth: 'user', scope: 'batches:read' } },
      schema: {
        tags,
        summary:
          'The results in the order given, a page at a time (null while a keyword is collected)',
        params: BatchIdParamsSchema,
        querystring: BatchResultsQuerySchema,
        response: { 200: BatchResultsSchema, ...errors },
      },
    },
    async (request) => findBatchResults(db, owner(request), request.params.id, request.query),
  );

  app.get(
    '/:id/export',
    {
      config: { access: { auth: 'user', scope: 'batches:read' } },
      schema: {
        tags,
        summary: 'Download the results as CSV, XLSX or JSON (streamed)',
        params: BatchIdParamsSchema,
        querystring: BatchExportQuerySchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { name, rows } = await exportBatchResults(
        db,
        owner(request),
        request.params.id,
        request.query,
      );
      return sendExport(reply, name, request.query.format, rows);
    },
  );
};

export default routes;
