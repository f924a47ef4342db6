import {
  ErrorResponseSchema,
  ImportIdParamsSchema,
  ImportListQuerySchema,
  ImportPageSchema,
  ImportQuerySchema,
  ImportSchema,
} from '@digitallz/contracts';
import { AppError, createImport, findImports, ownedImport } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userIdOf } from '../../plugins/app/request-context';

/** Reports are uploaded as the raw file: CSV, tab-separated (Keyword Planner) or bytes as is. */
const REPORT_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/octet-stream',
];
const MAX_REPORT_BYTES = 50 * 1024 * 1024;
const tags = ['imports'];

/** Report imports: `/api/v1/imports`. Upload a report, follow its import job. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(
    REPORT_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_REPORT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/',
    {
      config: { access: { auth: 'user', scope: 'imports:write' } },
      bodyLimit: MAX_REPORT_BYTES,
      schema: {
        tags,
        summary: 'Import Brand Analytics, Keyword Planner or keyword,platform,volume figures',
        description:
          'Send the file as the request body (text/csv, text/tab-separated-values or application/octet-stream), up to 50 MB. Answers 202 at once: a job imports it; follow `path` for its progress. A file that is plainly not the kind it claims is refused here (400); one found unreadable further on fails the import, and nothing of it is written. Bad rows are skipped and reported with their line numbers.',
        querystring: ImportQuerySchema,
        response: {
          202: ImportSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('VALIDATION_FAILED', 'Send the report file as the request body');
      const accepted = await createImport(app.deps, {
        ownerId: userIdOf(request),
        kind: request.query.kind,
        marketplace: request.query.marketplace,
        filename: request.query.filename,
        // The upload's own bytes, not a copy of up to 50 MB.
        bytes: new Uint8Array(
          request.body.buffer,
          request.body.byteOffset,
          request.body.byteLength,
        ),
      });
      return reply.code(202).header('location', accepted.path).send(accepted);
    },
  );

  app.get(
    '/',
    {
      config: { access: { auth: 'user', scope: 'imports:write' } },
      schema: {
        tags,
        summary: 'Your imports, newest first',
        querystring: ImportListQuerySchema,
        response: { 200: ImportPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findImports(app.deps, userIdOf(request), request.query),
  );

  app.get(
    '/:id',
    {
      config: { access: { auth: 'user', scope: 'imports:write' } },
      schema: {
        tags,
        summary: 'An import and its progress',
        params: ImportIdParamsSchema,
        response: { 200: ImportSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => ownedImport(app.deps, request.params.id, userIdOf(request)),
  );
};

export default routes;
