import {
  CreatedWebhookSchema,
  CreateWebhookBodySchema,
  DeliveriesSchema,
  ErrorResponseSchema,
  EventCatalogSchema,
  IdParamsSchema,
  TestDeliverySchema,
  WebhookSchema,
  WebhooksSchema,
} from '@digitallz/contracts';
import {
  createWebhook,
  deleteWebhook,
  EVENT_CATALOG,
  enableWebhook,
  findDeliveries,
  findWebhooks,
  sendTestEvent,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdOf } from '../../plugins/app/request-context';

const tags = ['webhooks'];
const manage = { access: { auth: 'user' as const, scope: 'webhooks:manage' as const } };
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

/** Webhook and Slack endpoints, their delivery log and test events: `/api/v1/webhooks`. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const notify = () => app.deps.notify;

  app.get(
    '/events',
    {
      config: { access: { auth: 'public' } },
      schema: { tags, summary: 'The event catalog', response: { 200: EventCatalogSchema } },
    },
    async () => ({
      data: Object.entries(EVENT_CATALOG).map(([type, description]) => ({
        type: type as keyof typeof EVENT_CATALOG,
        description,
      })),
    }),
  );

  app.get(
    '/',
    {
      config: manage,
      schema: { tags, summary: 'Your endpoints', response: { 200: WebhooksSchema } },
    },
    async (request) => ({ data: await findWebhooks(db, userIdOf(request)) }),
  );

  app.post(
    '/',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Add an endpoint: a signed webhook (secret shown once) or a Slack incoming webhook',
        body: CreateWebhookBodySchema,
        response: { 201: CreatedWebhookSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWebhook(notify(), userIdOf(request), request.body)),
  );

  app.delete(
    '/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an endpoint',
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      await deleteWebhook(db, userIdOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/:id/enable',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Turn an endpoint back on after it was turned off for failing',
        params: IdParamsSchema,
        response: { 200: WebhookSchema, ...errors },
      },
    },
    async (request) => enableWebhook(db, userIdOf(request), request.params.id),
  );

  app.post(
    '/:id/test',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Send a test event now and see the answer',
        params: IdParamsSchema,
        response: { 200: TestDeliverySchema, ...errors },
      },
    },
    async (request) => sendTestEvent(notify(), userIdOf(request), request.params.id),
  );

  app.get(
    '/:id/deliveries',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The delivery log of an endpoint, newest first',
        params: IdParamsSchema,
        response: { 200: DeliveriesSchema, ...errors },
      },
    },
    async (request) => ({
      data: await findDeliveries(db, userIdOf(request), request.params.id),
    }),
  );
};

export default routes;
