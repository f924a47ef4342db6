import { fileURLToPath } from 'node:url';
import { CollectionEnvSchema, ConfigError, parseEnv } from '@digitallz/core';
import { z } from 'zod';

const EnvSchema = CollectionEnvSchema.extend({
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
  /** Prefix of every cache and rate-limit key in Redis: the same value as the API's. */
  REDIS_KEY_PREFIX: z.string().min(1).default('dz:'),
  /** Local folder for raw payloads when no S3 bucket is configured. */
  DATA_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../../.data', import.meta.url))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export { ConfigError };

/** Parses the environment once at start-up; a bad value names its variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  return parseEnv(EnvSchema, source);
}
