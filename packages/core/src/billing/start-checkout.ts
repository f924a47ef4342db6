import { subscriptions, users } from '@digitallz/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../errors';
import type { BillingConfig, BillingDeps, PaidPlan } from './billing-deps';

export function requireBilling(deps: BillingDeps): BillingConfig {
  if (!deps.billing) throw new AppError('SERVICE_UNAVAILABLE', 'billing is not configured');
  return deps.billing;
}

/** The user's Stripe customer, created once (an idempotency key makes a race create one). */
export async function ensureCustomer(deps: BillingDeps, userId: string): Promise<string> {
  const { stripe } = requireBilling(deps);
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const customer = await stripe.customers.create(
    { email: user.email, metadata: { userId } },
    { idempotencyKey: `customer-${userId}` },
  );
  await deps.db
    .update(users)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)));
  return customer.id;
}

/** A Stripe Checkout page to subscribe to a paid plan. */
export async function startCheckout(
  deps: BillingDeps,
  userId: string,
  plan: PaidPlan,
): Promise<{ url: string }> {
  const { stripe, prices } = requireBilling(deps);
  const [active] = await deps.db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        inArray(subscriptions.status, ['active', 'trialing', 'past_due']),
      ),
    )
    .limit(1);
  if (active)
    throw new AppError(
      'CONFLICT',
      'you already have a subscription: change it in the billing portal',
    );
  const customer = await ensureCustomer(deps, userId);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: userId,
    line_items: [{ price: prices[plan], quantity: 1 }],
    allow_promotion_codes: true,
    subscription_data: { metadata: { userId } },
    success_url: new URL('/account/billing?checkout=success', deps.appUrl).toString(),
    cancel_url: new URL('/account/billing?checkout=cancelled', deps.appUrl).toString(),
  });
  if (!session.url) throw new AppError('SERVICE_UNAVAILABLE', 'Stripe returned no checkout page');
  return { url: session.url };
}

/** Stripe's customer portal: change plan, payment method, invoices, cancel. */
export async function openBillingPortal(
  deps: BillingDeps,
  userId: string,
): Promise<{ url: string }> {
  const { stripe } = requireBilling(deps);
  const customer = await ensureCustomer(deps, userId);
  const session = await stripe.billingPortal.sessions.create({
    customer,
    return_url: new URL('/account/billing', deps.appUrl).toString(),
  });
  return { url: session.url };
}
