import { fileURLToPath } from 'node:url';
import { CollectionEnvSchema, ConfigError, parseEnv } from '@digitallz/core';
import { z } from 'zod';

/** The embedded database lives in `.data/` at the repository root unless DATA_DIR says otherwise. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

const EnvSchema = CollectionEnvSchema.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
  /** PostgreSQL connection string; without it the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Redis connection string; without it the cache lives in the API process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** With Redis: seconds an answer may be served from the API process's own memory (0: off). */
  CACHE_LOCAL_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(2),
  /** Turns the cache off (every request reaches PostgreSQL): for benchmarks only. */
  CACHE_DISABLED: z.stringbool().default(false),
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  LOG_PRETTY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export { ConfigError };

/** Parses the environment once at start-up; a bad value names its variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  return parseEnv(EnvSchema, source);
}
