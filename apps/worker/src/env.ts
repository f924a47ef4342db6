import {
  CollectionEnvSchema,
  ConfigError,
  defaultDataDir,
  ensureLocalSecrets,
  parseEnv,
  parseKeyring,
} from '@digitallz/core';
import { z } from 'zod';

const EnvSchema = CollectionEnvSchema.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** The worker process needs real services; in embedded mode the API runs the jobs itself. */
  REDIS_URL: z.url({
    protocol: /^rediss?$/,
    error: 'REDIS_URL is required (in embedded mode jobs run inside the API)',
  }),
  DATABASE_URL: z.url({
    protocol: /^postgres(ql)?$/,
    error: 'DATABASE_URL is required for a separate worker process',
  }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** A job whose worker died is handed to another after this long. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** Where Prometheus scrapes the worker (GET /metrics, GET /health); 0 serves nothing. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9465),
  WORKER_METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  /** Prefix of every cache and rate-limit key in Redis: the same value as the API's. */
  REDIS_KEY_PREFIX: z.string().min(1).default('dz:'),
  /** Local folder for raw payloads when no S3 bucket is configured. */
  DATA_DIR: z.string().min(1).default(defaultDataDir()),
  /** The API's keys: webhook signing secrets are stored sealed with them. Required in production. */
  ENCRYPTION_KEYS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseKeyring(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** The web app's address, for links in emails and Slack messages. */
  APP_URL: z.url().default('http://localhost:3000'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Digitallz <no-reply@digitallz.local>'),
  /** Webhooks to private and loopback addresses: allowed outside production unless set. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.stringbool().optional(),
  /** OpenTelemetry traces go to this OTLP/HTTP endpoint when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Sentry error reporting (jobs that failed for good) when set. */
  SENTRY_DSN: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'> & {
  ENCRYPTION_KEYS: string;
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean;
};

export { ConfigError };

/** Parses the environment once at start-up; a bad value names its variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parseEnv(EnvSchema, source);
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? env.NODE_ENV !== 'production';
  if (env.ENCRYPTION_KEYS)
    return {
      ...env,
      ENCRYPTION_KEYS: env.ENCRYPTION_KEYS,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: allowPrivate,
    };
  if (env.NODE_ENV === 'production')
    throw new ConfigError('Invalid configuration:\n  ENCRYPTION_KEYS: required in production');
  // Development and tests: the keys the API made under DATA_DIR.
  const local = ensureLocalSecrets(env.DATA_DIR);
  return {
    ...env,
    ENCRYPTION_KEYS: local.ENCRYPTION_KEYS,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: allowPrivate,
  };
}
