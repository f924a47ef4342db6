import {
  ApiKeyIdParamsSchema,
  ApiKeySchema,
  ApiKeysSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  ErrorResponseSchema,
  RotateApiKeyBodySchema,
  RotatedApiKeySchema,
} from '@digitallz/contracts';
import {
  apiKeyCacheKey,
  createApiKey,
  findApiKeys,
  forgetApiKey,
  revokeApiKey,
  rotateApiKey,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf, userIdOf } from '../../plugins/app/request-context';

const tags = ['api-keys'];
const session = { access: { auth: 'session' as const } };
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

/** The user's API keys: `/api/v1/api-keys`. Managed from a signed-in session only. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const deps = {
    db: app.deps.db,
    clock: app.deps.clock,
    onRevoke: (hash: string) => forgetApiKey(app.deps.cache, hash),
    onChange: (hash: string) => app.deps.cache.delete(apiKeyCacheKey(hash)),
  };

  app.get(
    '/',
    {
      config: session,
      schema: { tags, summary: 'Your API keys', response: { 200: ApiKeysSchema } },
    },
    async (request) => ({ data: await findApiKeys(deps, userIdOf(request)) }),
  );

  app.post(
    '/',
    {
      config: session,
      schema: {
        tags,
        summary: 'Create a key with a name and scopes; the key is shown in this answer only',
        body: CreateApiKeyBodySchema,
        response: { 201: CreatedApiKeySchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createApiKey(deps, userIdOf(request), request.body, metaOf(request))),
  );

  app.post(
    '/:id/rotate',
    {
      config: session,
      schema: {
        tags,
        summary: 'Replace a key; the old one keeps working for overlapHours (default 24)',
        params: ApiKeyIdParamsSchema,
        body: RotateApiKeyBodySchema.nullish(),
        response: { 200: RotatedApiKeySchema, ...errors },
      },
    },
    async (request) =>
      rotateApiKey(
        deps,
        userIdOf(request),
        request.params.id,
        request.body?.overlapHours ?? 24,
        metaOf(request),
      ),
  );

  app.delete(
    '/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'Revoke a key at once',
        params: ApiKeyIdParamsSchema,
        response: { 200: ApiKeySchema, ...errors },
      },
    },
    async (request) => revokeApiKey(deps, userIdOf(request), request.params.id, metaOf(request)),
  );
};

export default routes;
