import { AppError, ERROR_STATUS, type ErrorCode, isServiceUnavailable } from '@digitallz/core';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

type Issue = { path: string; message: string };

const FASTIFY_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The one error handler: every failure leaves as `{ error: { code, message } }`. Internals of a
 * 5xx go to the log, never to the client.
 */
export default fp(async function errorHandler(
  app: FastifyInstance,
  options: {
    reportError?: (error: unknown, context: { requestId: string; route?: string }) => void;
  },
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: Issue[] = error.validation.map((v) => ({
        path:
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? ''),
        message: v.message ?? 'is invalid',
      }));
      const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return send(reply, 'VALIDATION_FAILED', message, details);
    }
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)
        ?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', retryAfter);
      return send(reply, error.code, error.message, error.details);
    }
    if (isServiceUnavailable(error)) {
      request.log.warn({ err: error }, 'backing service unavailable');
      return send(
        reply,
        'SERVICE_UNAVAILABLE',
        'A backing service is unavailable; try again shortly',
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(
        reply,
        FASTIFY_CODES[status] ?? 'VALIDATION_FAILED',
        error.message,
        undefined,
        status,
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    options.reportError?.(error, { requestId: request.id, route: request.routeOptions.url });
    return send(reply, 'INTERNAL', 'Internal server error');
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`),
  );
});

function send(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: unknown,
  status?: number,
) {
  return reply
    .status(status ?? ERROR_STATUS[code])
    .send({ error: details === undefined ? { code, message } : { code, message, details } });
}
