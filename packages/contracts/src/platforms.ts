import { z } from 'zod';

/** Marketplaces the platform researches. Shopify and Gumroad join this list later. */
export const PLATFORMS = ['amazon', 'etsy', 'ebay'] as const;

export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const PLATFORM_LABELS: Record<Platform, string> = {
  amazon: 'Amazon',
  etsy: 'Etsy',
  ebay: 'eBay',
};

/** A marketplace of a platform: a two-letter country code (US, UK, DE, FR, ...). */
export const MarketplaceSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'marketplace must be a two-letter country code')
  .transform((m) => m.toUpperCase())
  .meta({ example: 'US' });
