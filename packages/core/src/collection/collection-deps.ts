import type { Platform } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Credentials } from '../collectors/types';
import type { CircuitBreaker } from './circuit-breaker';
import type { PayloadArchive } from './payload-archive';
import type { RateLimiter } from './rate-limiter';

/** One marketplace call as the metrics see it. */
export type MarketplaceCall = {
  platform: Platform;
  operation: string;
  /** ok, or the error code (MARKETPLACE_RATE_LIMITED, MARKETPLACE_UNAVAILABLE, ...). */
  outcome: string;
  seconds: number;
};

export type MarketplaceAccess = { baseUrl?: string; credentials?: Credentials; timeoutMs?: number };

/** What collecting needs, built once per process and passed to the collection use cases. */
export type CollectionDeps = {
  db: Db;
  clock: () => Date;
  limiter: RateLimiter;
  breakers: Record<Platform, CircuitBreaker>;
  archive: PayloadArchive;
  marketplaces: Partial<Record<Platform, MarketplaceAccess>>;
  /** 'sandbox' when the endpoints are the sandbox marketplace, else 'marketplace'. */
  source: 'sandbox' | 'marketplace';
  onArchiveError?: (error: unknown) => void;
  /** Hears of every marketplace call once it is answered or has failed (metrics). */
  onCall?: (call: MarketplaceCall) => void;
  /** A seller's own credentials for a platform (sealed in marketplace_connections), if connected. */
  connections?: (userId: string, platform: Platform) => Promise<Credentials | null>;
  /**
   * Called once new rows are written, before the collection is reported done (cache
   * invalidation), with the keywords whose rows were written.
   */
  invalidate?: (platform: Platform, marketplace: string, keywords: string[]) => Promise<void>;
};
