import cluster from 'node:cluster';
import {
  archiveFrom,
  countLocally,
  createBullQueue,
  createCache,
  createCollectionDeps,
  createErrorReporter,
  createInProcessRunner,
  createLimiter,
  createMailer,
  createOAuthProvider,
  createSecretBox,
  createStripe,
  type JobQueue,
  limitsFrom,
  marketplaceAccessFrom,
  type OAuthProvider,
  type OAuthProviderName,
  parseKeyring,
  resumeInterruptedJobs,
  startTracing,
  summarizeError,
  traceIds,
} from '@digitallz/core';
import { createDb } from '@digitallz/db';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadEnv } from './env';
import { createLogger } from './process-env';

/**
 * Starts the API (one process, or one worker of API_WORKERS): config, infrastructure, app,
 * listen; closes everything on a signal.
 */
export async function startApi() {
  const env = loadEnv();
  const tracing = await startTracing({
    serviceName: 'digitallz-api',
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  // The active trace's ids on every line (nothing without tracing).
  const logger = createLogger(env, traceIds);
  const database = await createDb({
    url: env.DATABASE_URL,
    readUrl: env.DATABASE_READ_URL,
    dataDir: env.DATABASE_URL ? undefined : `${env.DATA_DIR}/pglite`,
    maxConnections: env.DATABASE_POOL_SIZE,
    interactive: true,
  });
  await database.migrate();
  const cache = createCache({
    redisUrl: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX,
    localTtlSeconds: env.CACHE_LOCAL_TTL_SECONDS,
    disabled: env.CACHE_DISABLED,
    onStoreError: (err, operation) => logger.warn({ err, operation }, 'cache store error'),
  });
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    outboxDir: `${env.DATA_DIR}/outbox`,
  });
  const secrets = createSecretBox(parseKeyring(env.ENCRYPTION_KEYS));
  // With Redis, jobs go to the worker processes; embedded, this process runs them itself.
  const jobs: JobQueue = env.REDIS_URL
    ? createBullQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX })
    : createInProcessRunner({
        deps: {
          db: database.db,
          cache,
          clock: () => new Date(),
          notify: {
            mailer,
            secrets,
            appUrl: env.APP_URL,
            allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
          },
          collection: createCollectionDeps({
            db: database.db,
            secrets,
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
  const oauth: Partial<Record<OAuthProviderName, OAuthProvider>> = {};
  if (env.OAUTH_GOOGLE_CLIENT_ID && env.OAUTH_GOOGLE_CLIENT_SECRET)
    oauth.google = createOAuthProvider('google', {
      clientId: env.OAUTH_GOOGLE_CLIENT_ID,
      clientSecret: env.OAUTH_GOOGLE_CLIENT_SECRET,
      issuer: env.OAUTH_GOOGLE_ISSUER,
    });
  if (env.OAUTH_GITHUB_CLIENT_ID && env.OAUTH_GITHUB_CLIENT_SECRET)
    oauth.github = createOAuthProvider('github', {
      clientId: env.OAUTH_GITHUB_CLIENT_ID,
      clientSecret: env.OAUTH_GITHUB_CLIENT_SECRET,
      baseUrl: env.OAUTH_GITHUB_BASE_URL,
      apiUrl: env.OAUTH_GITHUB_API_URL,
    });
  const shared = createLimiter({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX });
  // Redis calls only near a limit; embedded, the counters are in this process anyway.
  const limiter =
    env.REDIS_URL && env.QUOTA_FLUSH_MS > 0
      ? countLocally(shared, { flushMs: env.QUOTA_FLUSH_MS })
      : shared;
  const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, environment: env.NODE_ENV });
  const app = await buildApp({
    database,
    cache,
    jobs,
    reportError: (error, context) => errors.report(error, { service: 'api', ...context }),
    logger,
    limiter,
    trustProxy: env.TRUST_PROXY,
    webhooksAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    accounts: {
      secret: env.AUTH_SECRET,
      encryptionKeys: env.ENCRYPTION_KEYS,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      appUrl: env.APP_URL,
      mailer,
      cookieSecure: env.COOKIE_SECURE,
      oauth,
      billing:
        env.STRIPE_SECRET_KEY &&
        env.STRIPE_WEBHOOK_SECRET &&
        env.STRIPE_PRICE_PRO &&
        env.STRIPE_PRICE_BUSINESS
          ? {
              stripe: createStripe(env.STRIPE_SECRET_KEY, env.STRIPE_API_BASE),
              webhookSecret: env.STRIPE_WEBHOOK_SECRET,
              prices: { pro: env.STRIPE_PRICE_PRO, business: env.STRIPE_PRICE_BUSINESS },
            }
          : undefined,
      apiUrl: env.API_PUBLIC_URL ?? `http://localhost:${env.API_PORT}`,
      corsOrigins: env.CORS_ORIGINS.length > 0 ? env.CORS_ORIGINS : [new URL(env.APP_URL).origin],
    },
  });

  // A worker of API_WORKERS stops on its primary's SIGTERM alone: a terminal's Ctrl-C sends
  // SIGINT to every process of the group, and a second signal would cut the graceful close short.
  if (cluster.isWorker) process.on('SIGINT', () => {});
  closeWithGrace(
    { delay: 10_000, logger, skip: cluster.isWorker ? ['SIGINT'] : [] },
    async ({ signal, err }) => {
      if (err) logger.error({ err }, 'closing after an error');
      else logger.info({ signal }, 'shutting down');
      await app.close();
      // Jobs in flight (embedded mode) still use the mailer and the cache: they finish first.
      await jobs.close();
      await limiter.close();
      mailer.close();
      await cache.close();
      await database.close();
      await errors.close();
      await tracing.shutdown();
    },
  );

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
  // This process keeps its jobs in memory: what it was doing when it stopped starts again, once
  // it is up (an import holds PGlite's one connection for its whole transaction, which would
  // have kept the app's plugins from starting in time).
  if (jobs.kind === 'in-process') {
    const resumed = await resumeInterruptedJobs({ db: database.db, jobs });
    if (resumed.imports + resumed.batches > 0)
      logger.info(resumed, 'interrupted jobs queued again');
  }
}
