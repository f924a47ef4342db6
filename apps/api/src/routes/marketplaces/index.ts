import {
  ConnectionBodySchema,
  ConnectionParamsSchema,
  ConnectionSchema,
  ConnectionsSchema,
  ErrorResponseSchema,
} from '@digitallz/contracts';
import { deleteConnection, findConnections, saveConnection } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { metaOf, userIdOf } from '../../plugins/app/request-context';

const tags = ['account'];
const session = { access: { auth: 'session' as const } };

/**
 * The seller's own marketplace accounts (`/api/v1/account/marketplaces`): credentials stored
 * sealed, never shown again, used by the collections the seller starts.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, accounts } = app.deps;

  app.get(
    '/',
    {
      config: session,
      schema: {
        tags,
        summary: 'Your connected marketplaces (which credentials are set, never their values)',
        response: { 200: ConnectionsSchema },
      },
    },
    async (request) => ({ data: await findConnections(db, userIdOf(request)) }),
  );

  app.put(
    '/:platform',
    {
      config: session,
      schema: {
        tags,
        summary: 'Connect a marketplace with your own credentials (replaces earlier ones)',
        description:
          'The credentials are encrypted (AES-256-GCM) before they are stored and are never ' +
          'returned; collections you start on this platform use them (Amazon Ads: your suggested bids).',
        params: ConnectionParamsSchema,
        body: ConnectionBodySchema,
        response: { 200: ConnectionSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) =>
      saveConnection(
        accounts,
        userIdOf(request),
        request.params.platform,
        request.body,
        metaOf(request),
      ),
  );

  app.delete(
    '/:platform',
    {
      config: session,
      schema: {
        tags,
        summary: 'Disconnect a marketplace and delete its stored credentials',
        params: ConnectionParamsSchema,
        response: { 204: z.null().describe('Disconnected'), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await deleteConnection(db, userIdOf(request), request.params.platform, metaOf(request));
      return reply.code(204).send(null);
    },
  );
};

export default routes;
