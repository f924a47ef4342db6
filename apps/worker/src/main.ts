import {
  archiveFrom,
  createBullQueue,
  createCache,
  createCollectionDeps,
  createErrorReporter,
  createMailer,
  createSecretBox,
  limitsFrom,
  marketplaceAccessFrom,
  parseKeyring,
  runMain,
  startBullWorkers,
  startTracing,
  summarizeError,
  traceIds,
} from '@digitallz/core';
import { createDb } from '@digitallz/db';
import { UnrecoverableError } from 'bullmq';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import pino from 'pino';
import { type Env, loadEnv } from './env';
import { createWorkerMetrics, serveMetrics } from './metrics';

/** The worker process: BullMQ workers for every queue of the job catalog, and its schedules. */
async function main(env: Env) {
  const tracing = await startTracing({
    serviceName: 'digitallz-worker',
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'worker' }, mixin: traceIds });
  const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, environment: env.NODE_ENV });
  const database = await createDb({
    url: env.DATABASE_URL,
    maxConnections: env.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  const cache = createCache({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX });
  const options = { redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX };
  const limiterRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  limiterRedis.on('error', (err) => logger.warn({ err }, 'rate limiter Redis error'));
  const secrets = createSecretBox(parseKeyring(env.ENCRYPTION_KEYS));
  const collection = createCollectionDeps({
    db: database.db,
    secrets,
    redis: limiterRedis,
    keyPrefix: env.REDIS_KEY_PREFIX,
    marketplaces: marketplaceAccessFrom(env),
    limits: limitsFrom(env),
    archive: archiveFrom(env, env.DATA_DIR),
    source: env.COLLECT_SOURCE,
    onArchiveError: (err) => logger.warn({ err }, 'raw payload not archived'),
    onCall: (call) => metrics.onCall(call),
  });
  const scheduler = createBullQueue(options);
  const metrics = createWorkerMetrics({
    queue: scheduler,
    breakers: collection.breakers,
    database,
  });
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    outboxDir: `${env.DATA_DIR}/outbox`,
  });
  const workers = startBullWorkers({
    ...options,
    concurrency: env.WORKER_CONCURRENCY,
    lockDurationMs: env.WORKER_LOCK_MS,
    deps: {
      db: database.db,
      cache,
      clock: () => new Date(),
      collection,
      notify: {
        mailer,
        secrets,
        appUrl: env.APP_URL,
        allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      },
    },
    onFailed: (job, err) => {
      const final =
        err instanceof UnrecoverableError || (job?.attemptsMade ?? 0) >= (job?.opts.attempts ?? 1);
      metrics.onJobFailed(job?.name ?? 'unknown', final);
      if (final) errors.report(err, { service: 'worker', job: job?.name });
      logger.warn(
        { error: summarizeError(err), jobId: job?.id, job: job?.name, attempts: job?.attemptsMade },
        'job failed',
      );
    },
    onCompleted: (job) =>
      metrics.onJobCompleted(
        job.name,
        ((job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now())) / 1000,
      ),
  });
  await scheduler.schedule();
  const metricsServer =
    env.WORKER_METRICS_PORT > 0
      ? await serveMetrics(metrics.registry, env.WORKER_METRICS_PORT, env.WORKER_METRICS_HOST)
      : null;

  closeWithGrace({ delay: 30_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'closing after an error');
    else logger.info({ signal }, 'shutting down: finishing active jobs');
    await workers.close();
    metricsServer?.close();
    await scheduler.close();
    await cache.close();
    limiterRedis.disconnect();
    mailer.close();
    await database.close();
    await errors.close();
    await tracing.shutdown();
  });
  logger.info(
    { concurrency: env.WORKER_CONCURRENCY, metricsPort: env.WORKER_METRICS_PORT },
    'worker ready',
  );
}

await runMain(() => main(loadEnv()));
