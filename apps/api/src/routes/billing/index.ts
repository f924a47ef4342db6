import {
  BillingSchema,
  CheckoutBodySchema,
  ErrorResponseSchema,
  RedirectUrlSchema,
  WebhookResultSchema,
} from '@digitallz/contracts';
import {
  type BillingConfig,
  getBilling,
  openBillingPortal,
  processStripeWebhook,
  startCheckout,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userIdOf } from '../../plugins/app/request-context';

const tags = ['billing'];
const session = { access: { auth: 'session' as const } };
const errors = { 409: ErrorResponseSchema, 503: ErrorResponseSchema };

/** Plans through Stripe: `/api/v1/billing`. Checkout, the customer portal and the webhook. */
const routes: FastifyPluginAsyncZod<{ billing: BillingConfig | null }> = async (app, options) => {
  const deps = {
    ...app.deps,
    appUrl: app.deps.accounts.appUrl,
    billing: options.billing,
    enqueue: app.deps.notify.enqueue,
  };

  app.get(
    '/',
    {
      config: session,
      schema: { tags, summary: 'Your plan and subscription', response: { 200: BillingSchema } },
    },
    async (request) => getBilling(deps, userIdOf(request)),
  );

  app.post(
    '/checkout',
    {
      config: session,
      schema: {
        tags,
        summary: 'A Stripe Checkout page to subscribe to Pro or Business',
        body: CheckoutBodySchema,
        response: { 200: RedirectUrlSchema, 400: ErrorResponseSchema, ...errors },
      },
    },
    async (request) => startCheckout(deps, userIdOf(request), request.body.plan),
  );

  app.post(
    '/portal',
    {
      config: session,
      schema: {
        tags,
        summary: "Stripe's customer portal: change plan, card, invoices, cancel",
        response: { 200: RedirectUrlSchema, ...errors },
      },
    },
    async (request) => openBillingPortal(deps, userIdOf(request)),
  );

  // The webhook's signature covers the exact bytes: this scope keeps JSON bodies raw.
  await app.register(async (raw) => {
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    raw.post(
      '/webhook',
      {
        config: { access: { auth: 'public' } },
        schema: {
          tags,
          summary: 'Stripe events (signed): subscriptions move the plan; replays change nothing',
          response: {
            200: WebhookResultSchema,
            400: ErrorResponseSchema,
            503: ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        return processStripeWebhook(
          deps,
          request.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
        );
      },
    );
  });
};

export default routes;
