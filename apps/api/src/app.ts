import { randomUUID } from 'node:crypto';
import {
  type Cache,
  createSearchHistory,
  type JobQueue,
  type SearchHistory,
} from '@digitallz/core';
import type { Db, DbHandle } from '@digitallz/db';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import errorHandler from './plugins/app/error-handler';
import requestContext from './plugins/app/request-context';
import responseCache from './plugins/app/response-cache';
import metrics from './plugins/external/metrics';
import openapi from './plugins/external/openapi';
import batchRoutes from './routes/batches';
import collectionRoutes from './routes/collections';
import docsRoutes from './routes/docs';
import healthRoutes from './routes/health';
import historyRoutes from './routes/history';
import importRoutes from './routes/imports';
import keywordExploreRoutes from './routes/keywords/explore';
import keywordRoutes from './routes/keywords/keyword';
import keywordSearchRoutes from './routes/keywords/search';
import listRoutes from './routes/lists';
import sharedRoutes from './routes/shared';

/** What the routes use, built by the caller (server.ts, tests) and passed in. */
export type AppDeps = {
  db: Db;
  database: Pick<DbHandle, 'kind' | 'ping'>;
  cache: Cache;
  jobs: JobQueue;
  clock: () => Date;
  history: SearchHistory;
};

export type BuildAppOptions = {
  database: DbHandle;
  cache: Cache;
  jobs: JobQueue;
  clock?: () => Date;
  /** The in-process cache of serialized answers (ttlSeconds 0 turns it off). */
  responseCache?: { maxEntries?: number; ttlSeconds?: number };
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
};

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function buildApp(options: BuildAppOptions) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', {
    db: options.database.db,
    database: options.database,
    cache: options.cache,
    jobs: options.jobs,
    clock: options.clock ?? (() => new Date()),
    history: createSearchHistory(options.database.db, {
      onError: (err) => app.log.error({ err }, 'search history not recorded'),
    }),
  });
  app.addHook('onClose', () => app.deps.history.close());

  // Tier 1: external infrastructure. Tier 2: app services. Tier 3: routes.
  await app.register(openapi);
  await app.register(metrics);
  await app.register(errorHandler);
  await app.register(requestContext);
  await app.register(responseCache, options.responseCache ?? {});
  await app.register(healthRoutes);
  await app.register(docsRoutes, { prefix: '/api' });
  await app.register(keywordSearchRoutes, { prefix: '/api/v1/keywords' });
  await app.register(keywordExploreRoutes, { prefix: '/api/v1/keywords' });
  await app.register(keywordRoutes, { prefix: '/api/v1/keywords' });
  await app.register(historyRoutes, { prefix: '/api/v1' });
  await app.register(listRoutes, { prefix: '/api/v1/lists' });
  await app.register(batchRoutes, { prefix: '/api/v1/batches' });
  await app.register(sharedRoutes, { prefix: '/api/v1/shared' });
  await app.register(collectionRoutes, { prefix: '/api/v1/collections' });
  await app.register(importRoutes, { prefix: '/api/v1/imports' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
