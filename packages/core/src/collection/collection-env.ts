import { join } from 'node:path';
import type { Platform } from '@digitallz/contracts';
import { z } from 'zod';
import type { MarketplaceAccess } from './collection-deps';
import { createLocalArchive, createS3Archive, type PayloadArchive } from './payload-archive';
import { DEFAULT_LIMITS, type Limits } from './rate-limiter';

/**
 * The collection part of an app's environment (the apps' env.ts merge it into theirs; this
 * package reads nothing itself). Without credentials or base URLs the real endpoints are used.
 */
export const CollectionEnvSchema = z.object({
  /** One base URL for every platform: the sandbox marketplace. */
  MARKETPLACE_BASE_URL: z.url().optional(),
  AMAZON_BASE_URL: z.url().optional(),
  ETSY_BASE_URL: z.url().optional(),
  EBAY_BASE_URL: z.url().optional(),
  AMAZON_SP_API_ACCESS_TOKEN: z.string().min(1).optional(),
  /** Amazon Ads API, for suggested bids (CPC): all four or none. */
  AMAZON_ADS_CLIENT_ID: z.string().min(1).optional(),
  AMAZON_ADS_ACCESS_TOKEN: z.string().min(1).optional(),
  AMAZON_ADS_PROFILE_ID: z.string().min(1).optional(),
  AMAZON_ADS_ASIN: z.string().min(1).optional(),
  ETSY_API_KEY: z.string().min(1).optional(),
  EBAY_CLIENT_ID: z.string().min(1).optional(),
  EBAY_CLIENT_SECRET: z.string().min(1).optional(),
  COLLECT_SOURCE: z.enum(['sandbox', 'marketplace']).default('marketplace'),
  /** Per-platform limits as JSON, e.g. {"amazon":{"perSecond":50,"burst":50}}; defaults follow the documented quotas. */
  COLLECT_RATE_LIMITS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      const schema = z.partialRecord(
        z.enum(['amazon', 'etsy', 'ebay']),
        z.object({ perSecond: z.number().positive(), burst: z.number().positive() }).strict(),
      );
      const parsed = schema.safeParse(safeJson(text));
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be JSON like {"etsy":{"perSecond":10,"burst":10}}',
        });
        return z.NEVER;
      }
      return parsed.data;
    }),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
});

export type CollectionEnv = z.infer<typeof CollectionEnvSchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The documented default limits, with the configured overrides. */
export function limitsFrom(env: CollectionEnv): Limits {
  return { ...DEFAULT_LIMITS, ...env.COLLECT_RATE_LIMITS };
}

export function marketplaceAccessFrom(env: CollectionEnv): Record<Platform, MarketplaceAccess> {
  return {
    amazon: {
      baseUrl: env.AMAZON_BASE_URL ?? env.MARKETPLACE_BASE_URL,
      credentials: {
        spApiAccessToken: env.AMAZON_SP_API_ACCESS_TOKEN,
        adsClientId: env.AMAZON_ADS_CLIENT_ID,
        adsAccessToken: env.AMAZON_ADS_ACCESS_TOKEN,
        adsProfileId: env.AMAZON_ADS_PROFILE_ID,
        adsAsin: env.AMAZON_ADS_ASIN,
      },
    },
    etsy: {
      baseUrl: env.ETSY_BASE_URL ?? env.MARKETPLACE_BASE_URL,
      credentials: { etsyApiKey: env.ETSY_API_KEY },
    },
    ebay: {
      baseUrl: env.EBAY_BASE_URL ?? env.MARKETPLACE_BASE_URL,
      credentials: { ebayClientId: env.EBAY_CLIENT_ID, ebayClientSecret: env.EBAY_CLIENT_SECRET },
    },
  };
}

/** Raw payloads go to S3 (or any S3-compatible store) when S3_BUCKET is set, else under the data folder. */
export function archiveFrom(env: CollectionEnv, dataDir: string): PayloadArchive {
  if (!env.S3_BUCKET) return createLocalArchive(join(dataDir, 'archive'));
  const credentials =
    env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
      : undefined;
  return createS3Archive(
    {
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials,
    },
    env.S3_BUCKET,
  );
}
