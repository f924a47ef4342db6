import { subscriptions, users } from '@digitallz/db';
import { desc, eq } from 'drizzle-orm';
import type { BillingDeps } from './billing-deps';

/** The user's plan and latest subscription, as the account page shows them. */
export async function getBilling(deps: BillingDeps, userId: string) {
  const [user] = await deps.db
    .select({ plan: users.subscription })
    .from(users)
    .where(eq(users.id, userId));
  const [latest] = await deps.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(1);
  return {
    configured: deps.billing !== null,
    plan: (user?.plan ?? 'free') as 'free' | 'pro' | 'business',
    subscription: latest
      ? {
          plan: latest.planName as 'free' | 'pro' | 'business',
          status: latest.status,
          periodEnd: latest.periodEnd?.toISOString() ?? null,
          cancelAtPeriodEnd: latest.cancelAtPeriodEnd,
        }
      : null,
  };
}
