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
        { name: 'health', description: 'Liveness and readiness probes' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
});
