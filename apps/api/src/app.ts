import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountDeps,
  type BillingConfig,
  type Cache,
  createAccessTokens,
  createLimiter,
  createMailer,
  createSearchHistory,
  createSecretBox,
  type JobQueue,
  type Limiter,
  type Mailer,
  type NotifyDeps,
  type OAuthProvider,
  type OAuthProviderName,
  parseKeyring,
  type SearchHistory,
} from '@digitallz/core';
import type { Db, DbHandle } from '@digitallz/db';
import Fastify, { type FastifyBaseLogger, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import auth from './plugins/app/auth';
import errorHandler from './plugins/app/error-handler';
import quotas from './plugins/app/quotas';
import rejectNul from './plugins/app/reject-nul';
import requestContext from './plugins/app/request-context';
import responseCache from './plugins/app/response-cache';
import metrics from './plugins/external/metrics';
import openapi from './plugins/external/openapi';
import security from './plugins/external/security';
import tracing from './plugins/external/tracing';
import accountRoutes from './routes/account';
import adminRoutes from './routes/admin';
import alertRuleRoutes from './routes/alert-rules';
import apiKeyRoutes from './routes/api-keys';
import authRoutes from './routes/auth';
import oauthRoutes from './routes/auth/oauth';
import batchRoutes from './routes/batches';
import billingRoutes from './routes/billing';
import collectionRoutes from './routes/collections';
import docsRoutes from './routes/docs';
import healthRoutes from './routes/health';
import historyRoutes from './routes/history';
import importRoutes from './routes/imports';
import keywordExploreRoutes from './routes/keywords/explore';
import keywordRoutes from './routes/keywords/keyword';
import keywordSearchRoutes from './routes/keywords/search';
import listRoutes from './routes/lists';
import marketplaceRoutes from './routes/marketplaces';
import notificationRoutes from './routes/notifications';
import planRoutes from './routes/plans';
import sharedRoutes from './routes/shared';
import trackingRoutes from './routes/tracking';
import webhookRoutes from './routes/webhooks';

/** What the routes use, built by the caller (server.ts, tests) and passed in. */
export type AppDeps = {
  db: Db;
  /** The read replica when configured (else `db`): keyword reads that tolerate replica lag. */
  readDb: Db;
  database: Pick<DbHandle, 'kind' | 'ping' | 'observeQueries'>;
  cache: Cache;
  jobs: JobQueue;
  clock: () => Date;
  history: SearchHistory;
  accounts: AccountDeps;
  /** Webhook, Slack and email delivery of events. */
  notify: NotifyDeps;
  /** Session cookies only over HTTPS. */
  cookieSecure: boolean;
  /** Signs search page cursors (the same secret as access tokens). */
  cursorSecret: string;
};

export type AccountOptions = {
  /** Signs access tokens; a random one per app when absent (tests). */
  secret?: string;
  /** `id:base64,...` AES-256 keys; a random one per app when absent (tests). */
  encryptionKeys?: string;
  accessTokenTtlSeconds?: number;
  /** The web app's address, for links in emails. */
  appUrl?: string;
  /** Without one, emails are written to a temporary outbox folder. */
  mailer?: Mailer;
  cookieSecure?: boolean;
  /** Origins allowed to call from a browser (with credentials). */
  corsOrigins?: string[];
  /** Sign-in providers (Google, GitHub) that are configured. */
  oauth?: Partial<Record<OAuthProviderName, OAuthProvider>>;
  /** The API's public address, for OAuth callbacks. */
  apiUrl?: string;
  /** Stripe, when billing is configured. */
  billing?: BillingConfig;
};

export type BuildAppOptions = {
  database: DbHandle;
  /** Unexpected errors (500s) besides the log: Sentry when configured. */
  reportError?: (error: unknown, context: { requestId: string; route?: string }) => void;
  cache: Cache;
  jobs: JobQueue;
  clock?: () => Date;
  /** The in-process cache of serialized answers (ttlSeconds 0 turns it off). */
  responseCache?: { maxEntries?: number; ttlSeconds?: number };
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  accounts?: AccountOptions;
  /** Quota and rate-limit counters; in-process when absent. */
  limiter?: Limiter;
  /** Whose X-Forwarded-For to trust: true, false, or addresses and presets (`loopback`). */
  trustProxy?: boolean | string[];
  /** Webhook endpoints on private and loopback addresses (development, tests; never in production). */
  webhooksAllowPrivateNetworks?: boolean;
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
    // Errors the router meets before any hook (a malformed URL, a path segment over 100
    // characters) leave in the same shape as every other.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      (reply as unknown as FastifyReply).status(tooLong ? 414 : 400).send({
        error: {
          code: tooLong ? 'URI_TOO_LONG' : 'VALIDATION_FAILED',
          message: tooLong
            ? 'A path segment is longer than 100 characters'
            : 'The URL is malformed',
        },
      });
    },
    trustProxy: options.trustProxy ?? false,
  });
  const clock = options.clock ?? (() => new Date());
  const accountOptions = options.accounts ?? {};
  const appUrl = accountOptions.appUrl ?? 'http://localhost:3000';
  const secret = accountOptions.secret ?? randomBytes(32).toString('base64url');
  const accounts: AccountDeps = {
    db: options.database.db,
    clock,
    tokens: createAccessTokens({
      secret,
      ttlSeconds: accountOptions.accessTokenTtlSeconds,
    }),
    mailer:
      accountOptions.mailer ??
      createMailer({
        from: 'Digitallz <no-reply@digitallz.local>',
        outboxDir: join(tmpdir(), 'digitallz-outbox'),
      }),
    secrets: createSecretBox(
      parseKeyring(accountOptions.encryptionKeys ?? `app:${randomBytes(32).toString('base64')}`),
    ),
    appUrl,
  };
  const limiter = options.limiter ?? createLimiter();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', {
    db: options.database.db,
    readDb: options.database.readDb,
    database: options.database,
    cache: options.cache,
    jobs: options.jobs,
    clock,
    accounts,
    notify: {
      db: options.database.db,
      clock,
      enqueue: (id, payload, opts) => options.jobs.enqueue(id, payload, opts),
      mailer: accounts.mailer,
      secrets: accounts.secrets,
      appUrl,
      allowPrivateNetworks: options.webhooksAllowPrivateNetworks ?? true,
    },
    cookieSecure: accountOptions.cookieSecure ?? appUrl.startsWith('https:'),
    cursorSecret: secret,
    history: createSearchHistory(options.database.db, {
      onError: (err) => app.log.error({ err }, 'search history not recorded'),
    }),
  });
  // Closing: answers still in flight end their keep-alive connections, so that the server can
  // close as soon as they are sent (instead of waiting for the clients' idle connections).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => {
    await app.deps.history.close();
    if (!options.limiter) await limiter.close();
  });

  // Tier 1: external infrastructure. Tier 2: app services. Tier 3: routes.
  await app.register(tracing);
  await app.register(security, { corsOrigins: accountOptions.corsOrigins ?? [appUrl] });
  await app.register(openapi);
  await app.register(metrics);
  await app.register(errorHandler, { reportError: options.reportError });
  await app.register(rejectNul);
  await app.register(requestContext);
  // Who is asking, then what their plan allows, then (only then) cached answers.
  await app.register(auth, { accounts });
  await app.register(quotas, { limiter });
  await app.register(responseCache, options.responseCache ?? {});
  await app.register(healthRoutes);
  await app.register(planRoutes, { prefix: '/api/v1/plans' });
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(oauthRoutes, {
    prefix: '/api/v1/auth/oauth',
    providers: accountOptions.oauth ?? {},
    apiUrl: accountOptions.apiUrl ?? 'http://localhost:4000',
  });
  await app.register(accountRoutes, { prefix: '/api/v1/account' });
  await app.register(marketplaceRoutes, { prefix: '/api/v1/account/marketplaces' });
  await app.register(apiKeyRoutes, { prefix: '/api/v1/api-keys' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(billingRoutes, {
    prefix: '/api/v1/billing',
    billing: accountOptions.billing ?? null,
  });
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
  await app.register(trackingRoutes, { prefix: '/api/v1/tracking' });
  await app.register(alertRuleRoutes, { prefix: '/api/v1/alert-rules' });
  await app.register(notificationRoutes, { prefix: '/api/v1/notifications' });
  await app.register(webhookRoutes, { prefix: '/api/v1/webhooks' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
