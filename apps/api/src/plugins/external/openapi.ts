import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI document, built from the routes' zod schemas, and interactive docs at /api/docs. */
export default fp(async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Digitallz API',
        description: 'Keyword research for Amazon, Etsy and eBay sellers.',
        version: '1.0.0',
      },
      tags: [
        { name: 'keywords', description: 'Keyword search and estimates' },
        { name: 'lists', description: 'Keyword lists, sharing by link and exports' },
        { name: 'batches', description: 'Bulk analysis of up to 10,000 keywords' },
        { name: 'analytics', description: 'Search history, dashboard and global trends' },
        { name: 'auth', description: 'Sign-up, sign-in, 2FA, refresh, password reset' },
        { name: 'account', description: 'Your account, plan usage and audit log' },
        { name: 'api-keys', description: 'API keys with scopes' },
        { name: 'billing', description: 'Plans through Stripe' },
        { name: 'admin', description: 'Administration (admins only)' },
        { name: 'health', description: 'Liveness and readiness probes' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token from sign-in, or an API key (dz_...)',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          cookieAuth: {
            type: 'apiKey',
            in: 'cookie',
            name: 'dz_access',
            description: 'The web app; writes also need the x-csrf-token header',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
});
