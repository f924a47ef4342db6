import {
  archiveFrom,
  createBullQueue,
  createCache,
  createCollectionDeps,
  createInProcessRunner,
  type JobQueue,
  limitsFrom,
  marketplaceAccessFrom,
  runMain,
  summarizeError,
} from '@digitallz/core';
import { createDb } from '@digitallz/db';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, type Env, loadEnv } from './env';

/** Starts the API: config, infrastructure, app, listen; closes everything on a signal. */
async function main(env: Env) {
  const logger = pino({
    level: env.LOG_LEVEL,
    transport: env.LOG_PRETTY
      ? { target: 'pino-pretty', options: { ignore: 'pid,hostname', singleLine: true } }
      : undefined,
  });
  const database = await createDb({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : `${env.DATA_DIR}/pglite`,
    maxConnections: env.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  const cache = createCache({
    redisUrl: env.REDIS_URL,
    keyPrefix: 'dz:',
    localTtlSeconds: env.CACHE_LOCAL_TTL_SECONDS,
    disabled: env.CACHE_DISABLED,
    onStoreError: (err, operation) => logger.warn({ err, operation }, 'cache store error'),
  });
  // With Redis, jobs go to the worker processes; embedded, this process runs them itself.
  const jobs: JobQueue = env.REDIS_URL
    ? createBullQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX })
    : createInProcessRunner({
        deps: {
          db: database.db,
          cache,
          clock: () => new Date(),
          collection: createCollectionDeps({
            db: database.db,
            marketplaces: marketplaceAccessFrom(env),
            limits: limitsFrom(env),
            archive: archiveFrom(env, env.DATA_DIR),
            source: env.COLLECT_SOURCE,
            onArchiveError: (err) => logger.warn({ err }, 'raw payload not archived'),
          }),
        },
        onEvent: (event) => {
          if (event.type === 'failed')
            logger.warn({ error: summarizeError(event.error), job: event.id }, 'job failed');
        },
      });
  if (jobs.kind === 'in-process') await jobs.schedule();
  const app = await buildApp({ database, cache, jobs, logger });

  closeWithGrace({ delay: 10_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'closing after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
    await jobs.close();
    await cache.close();
    await database.close();
  });

  try {
    await app.listen({ host: env.API_HOST, port: env.API_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(
        `API_PORT ${env.API_PORT} is already in use: stop the other process or set API_PORT.`,
      );
    }
    throw error;
  }
  logger.info(
    { database: database.kind, cache: cache.kind, jobs: jobs.kind },
    `API ready on http://${env.API_HOST}:${env.API_PORT}`,
  );
}

await runMain(() => main(loadEnv()));
