import {
  CollectionEnvSchema,
  ConfigError,
  defaultDataDir,
  ensureLocalSecrets,
  parseEnv,
  parseKeyring,
} from '@digitallz/core';
import { z } from 'zod';
import { ProcessEnvSchema } from './process-env';

/** The embedded database lives in `.data/` at the repository root unless DATA_DIR says otherwise. */
const DEFAULT_DATA_DIR = defaultDataDir();

const EnvSchema = CollectionEnvSchema.extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
  /** PostgreSQL connection string; without it the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** OpenTelemetry traces go to this OTLP/HTTP endpoint (e.g. http://otel-collector:4318) when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Sentry error reporting (unexpected errors only) when set. */
  SENTRY_DSN: z.url().optional(),
  /** A read replica of DATABASE_URL: the keyword read routes query it (replica lag tolerated). */
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Redis connection string; without it the cache lives in the API process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * With Redis: seconds an answer may be served from the API process's own memory while it cannot
   * hear other processes' writes (its pub/sub subscription down; 60 s while it can). 0: off.
   */
  CACHE_LOCAL_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(2),
  /** Turns the cache off (every request reaches PostgreSQL): for benchmarks only. */
  CACHE_DISABLED: z.stringbool().default(false),
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** Prefix of every cache, quota and rate-limit key in Redis: deployments sharing a Redis differ here. */
  REDIS_KEY_PREFIX: z.string().min(1).default('dz:'),
  /**
   * With Redis: large quotas are counted in the process and added to Redis this often (ms);
   * 0 sends every count to Redis at once. Each flush is one Redis call per subject and rule with
   * counts: at 250 ms that was 1.5 calls per request in bench:api (400 keys, ~8 calls a second
   * each), so the local count saved little; a process's grants stay bounded by its share either way.
   */
  QUOTA_FLUSH_MS: z.coerce.number().int().min(0).max(5_000).default(1_000),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** Signs access tokens (HS256): at least 32 random characters, shared by every API instance. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** AES-256 keys for stored secrets, `id:base64,...`, current first (older ones still decrypt). */
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
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(900),
  /** The web app's address: links in emails, the default CORS origin. */
  APP_URL: z.url().default('http://localhost:3000'),
  /** Origins allowed to call the API from a browser (comma-separated); APP_URL by default. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    ),
  /** Cookies only over HTTPS (on by default when APP_URL is https). */
  COOKIE_SECURE: z.stringbool().optional(),
  /**
   * Whose X-Forwarded-For to believe for client addresses (per-address limits): `false`, `true`,
   * or addresses and presets such as `loopback` (the web server on the same host), comma-separated.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v) =>
      v === 'true' ? true : v === 'false' ? false : v.split(',').map((a) => a.trim()),
    ),
  /** The API's public address (OAuth callbacks); http://localhost:API_PORT by default. */
  API_PUBLIC_URL: z.url().optional(),
  /** Sign-in with Google (OpenID Connect): both set to turn it on. */
  OAUTH_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
  /** Sign-in with GitHub (OAuth app): both set to turn it on. */
  OAUTH_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GITHUB_BASE_URL: z.url().default('https://github.com'),
  OAUTH_GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** Stripe billing: the four set together turn it on. */
  STRIPE_SECRET_KEY: z
    .string()
    .startsWith('sk_', 'must be a Stripe secret key (sk_...)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_', 'must be a webhook secret (whsec_...)')
    .optional(),
  STRIPE_PRICE_PRO: z.string().startsWith('price_', 'must be a Stripe price id').optional(),
  STRIPE_PRICE_BUSINESS: z.string().startsWith('price_', 'must be a Stripe price id').optional(),
  /** Another Stripe API address (a local stand-in); Stripe's own by default. */
  STRIPE_API_BASE: z.url().optional(),
  /** `smtp://user:pass@host:587`; without it, emails are written to DATA_DIR/outbox. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Digitallz <no-reply@digitallz.local>'),
  /** Webhooks to private and loopback addresses: allowed outside production unless set. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.stringbool().optional(),
}).extend(ProcessEnvSchema.shape);

export type Env = Omit<z.infer<typeof EnvSchema>, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'> & {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean;
};

export { ConfigError };

/** Parses the environment once at start-up; a bad value names its variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = parseEnv(EnvSchema, source);
  if (parsed.DATABASE_READ_URL && !parsed.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_READ_URL: a read replica needs its primary in DATABASE_URL',
    );
  if (parsed.API_WORKERS > 1 && !(parsed.DATABASE_URL && parsed.REDIS_URL))
    throw new ConfigError(
      'Invalid configuration:\n  API_WORKERS: more than one API process needs DATABASE_URL and REDIS_URL (the embedded database, cache and quotas live in one process)',
    );
  const env = {
    ...parsed,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS:
      parsed.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? parsed.NODE_ENV !== 'production',
  };
  if (env.AUTH_SECRET && env.ENCRYPTION_KEYS)
    return { ...env, AUTH_SECRET: env.AUTH_SECRET, ENCRYPTION_KEYS: env.ENCRYPTION_KEYS };
  const missing = ['AUTH_SECRET', 'ENCRYPTION_KEYS'].filter(
    (name) => !env[name as keyof typeof env],
  );
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((n) => `  ${n}: required in production`).join('\n')}`,
    );
  // Development and tests: secrets made once and kept under DATA_DIR.
  const local = ensureLocalSecrets(env.DATA_DIR);
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? local.AUTH_SECRET,
    ENCRYPTION_KEYS: env.ENCRYPTION_KEYS ?? local.ENCRYPTION_KEYS,
  };
}
