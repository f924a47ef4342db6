import type { Db } from '@digitallz/db';
import type Stripe from 'stripe';
import type { Cache } from '../cache';
import type { JobQueue } from '../jobs/job-queue';

export type PaidPlan = 'pro' | 'business';

/** Stripe and the price of each paid plan; absent when billing is not configured. */
export type BillingConfig = {
  stripe: Stripe;
  webhookSecret: string;
  prices: Record<PaidPlan, string>;
};

export type BillingDeps = {
  db: Db;
  cache: Cache;
  clock: () => Date;
  appUrl: string;
  billing: BillingConfig | null;
  /** Queues the deliveries of the subscription.changed event. */
  enqueue?: JobQueue['enqueue'];
};
