import { ErrorResponseSchema, ImportQuerySchema, ImportResultSchema } from '@digitallz/contracts';
import { AppError, importKeywords } from '@digitallz/core';
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
        tags: ['imports'],
        summary: 'Import Brand Analytics, Keyword Planner or keyword,platform,volume figures',
        description:
          'Send the file as the request body (text/csv, text/tab-separated-values or application/octet-stream). Bad rows are skipped and reported with their line numbers; a file that is not the kind it claims is refused.',
        querystring: ImportQuerySchema,
        response: {
          201: ImportResultSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new AppError('VALIDATION_FAILED', 'Send the report file as the request body');
      const result = await importKeywords(app.deps, {
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
      return reply.code(201).send(result);
    },
  );
};

export default routes;
