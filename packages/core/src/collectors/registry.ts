import type { Platform } from '@digitallz/contracts';
import { amazonCollector } from './amazon/client';
import { ebayCollector } from './ebay/client';
import { etsyCollector } from './etsy/client';
import type { Collector } from './types';

/** Every marketplace adapter, by platform. Shopify and Gumroad join here. */
export const COLLECTORS: Record<Platform, Collector> = {
  amazon: amazonCollector,
  etsy: etsyCollector,
  ebay: ebayCollector,
};
