import { availableParallelism } from 'node:os';
import { parseEnv } from '@digitallz/core/config';
import pino from 'pino';
import { z } from 'zod';

/**
 * The variables about the process itself: how many API processes, and how they log. The entry
 * (server.ts) reads them before it loads the API, so that a primary that only forks workers
 * stays small; env.ts takes them into the whole config.
 */
export const ProcessEnvSchema = z.object({
  /**
   * API processes sharing API_PORT (node:cluster), each on its own core: a number, or `auto` for
   * one per core. More than one needs DATABASE_URL and REDIS_URL (the embedded database, cache and
   * quota counters live in one process).
   */
  API_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
      error: 'must be a whole number from 1 to 64, or auto',
    })
    .default(1)
    .transform((v) => (v === 'auto' ? availableParallelism() : v)),
  LOG_PRETTY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ProcessEnv = z.infer<typeof ProcessEnvSchema>;

/** Parses the process variables; a bad value names its variable (ConfigError). */
export const loadProcessEnv = (source: Record<string, string | undefined>): ProcessEnv =>
  parseEnv(ProcessEnvSchema, source);

/** The process's logger: JSON lines, or pretty ones in development (LOG_PRETTY). */
export const createLogger = (env: ProcessEnv, mixin?: () => object) =>
  pino({
    level: env.LOG_LEVEL,
    mixin,
    transport: env.LOG_PRETTY
      ? { target: 'pino-pretty', options: { ignore: 'pid,hostname', singleLine: true } }
      : undefined,
  });
