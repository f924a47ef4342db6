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
