import { CollectionEnvSchema } from '@digitallz/core/collection-env';
import { defaultDataDir, parseEnv, workspaceRoot } from '@digitallz/core/config';
import { MAX_WORLD_KEYWORDS } from '@digitallz/sandbox';
import { z } from 'zod';

export const REPO_ROOT = workspaceRoot();

const EnvSchema = CollectionEnvSchema.extend({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** The BullMQ key prefix of the API and the workers (for `jobs`). */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  DATA_DIR: z.string().min(1).default(defaultDataDir()),
  WEB_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where `npm start` runs the sandbox marketplace when no real marketplace is configured. */
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65_535).default(4100),
  /** The size of that sandbox world (up to 10 million keywords; a minute and 1 GB at the top). */
  /** AES-256 keys (`id:base64,...`, current first) for `reseal-secrets`; the embedded ones by default. */
  ENCRYPTION_KEYS: z.string().optional(),
  SANDBOX_KEYWORDS: z.coerce.number().int().min(1).max(MAX_WORLD_KEYWORDS).default(5_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** A failure the CLI explains in one message, without a stack trace. */
export class CliError extends Error {}

/** Parses the environment once at start-up; a bad value names its variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  return parseEnv(EnvSchema, source);
}

export function print(line: string) {
  process.stdout.write(`${line}\n`);
}
