import { type Db, sql, stripeEvents, subscriptions, users } from '@digitallz/db';
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { principalCacheKey } from '../accounts/load-principal';
import { recordAuditEvent } from '../audit/record-audit-event';
import { AppError } from '../errors';
import { describeEvent } from '../notifications/describe-event';
import { emitEvent } from '../notifications/emit-event';
import type { PlanName } from '../quotas/plans';
import type { BillingDeps, PaidPlan } from './billing-deps';
import { requireBilling } from './start-checkout';

const SubscriptionSchema = z.object({
  id: z.string(),
  customer: z.union([z.string(), z.object({ id: z.string() })]),
  status: z.string(),
  cancel_at_period_end: z.boolean().default(false),
  current_period_start: z.number().optional(),
  current_period_end: z.number().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
  items: z.object({
    data: z.array(
      z.object({
        price: z.object({ id: z.string() }),
        current_period_start: z.number().optional(),
        current_period_end: z.number().optional(),
      }),
    ),
  }),
});
const CheckoutSessionSchema = z.object({
  client_reference_id: z.string().nullable().optional(),
  customer: z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .optional(),
});

const STATUSES = new Set([
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
]);
/** Statuses that keep the plan (past_due: Stripe is retrying the payment). */
const PAYING = ['active', 'trialing', 'past_due'];

export type WebhookOutcome = {
  event: string;
  type: string;
  outcome: 'applied' | 'duplicate' | 'stale' | 'ignored';
};

/**
 * A Stripe webhook: the signature is checked on the raw body, each event is applied once (a
 * replay is acknowledged and ignored), and an event older than the last one applied to a
 * subscription changes nothing. The user's plan follows their paying subscription.
 */
export async function processStripeWebhook(
  deps: BillingDeps,
  rawBody: Buffer | string,
  signature: string | undefined,
): Promise<WebhookOutcome> {
  const { stripe, webhookSecret } = requireBilling(deps);
  let event: ReturnType<typeof stripe.webhooks.constructEvent>;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature ?? '', webhookSecret);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'the Stripe signature is missing or wrong');
  }
  const created = new Date(event.created * 1000);
  const planChanges: { userId: string; from: string; to: string }[] = [];
  const outcome = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [fresh] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, createdAt: created })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!fresh) return 'duplicate' as const;
    if (event.type === 'checkout.session.completed') {
      const session = CheckoutSessionSchema.parse(event.data.object);
      const customer =
        typeof session.customer === 'string' ? session.customer : session.customer?.id;
      if (session.client_reference_id && customer)
        await tx
          .update(users)
          .set({ stripeCustomerId: customer })
          .where(and(eq(users.id, session.client_reference_id), isNull(users.stripeCustomerId)));
      return 'applied' as const;
    }
    if (!event.type.startsWith('customer.subscription.')) return 'ignored' as const;
    const sub = SubscriptionSchema.parse(event.data.object);
    const customer = typeof sub.customer === 'string' ? sub.customer : sub.customer.id;
    const userId = await findUser(db, sub.metadata.userId, customer);
    const item = sub.items.data[0];
    const plan = planOfPrice(deps, item?.price.id);
    if (!userId || !plan || !item) return 'ignored' as const;
    const status = event.type === 'customer.subscription.deleted' ? 'canceled' : sub.status;
    if (!STATUSES.has(status)) return 'ignored' as const;
    const at = (s?: number) => (s ? new Date(s * 1000) : null);
    const values = {
      userId,
      planName: plan,
      status,
      stripeCustomerId: customer,
      periodStart: at(item.current_period_start ?? sub.current_period_start),
      periodEnd: at(item.current_period_end ?? sub.current_period_end),
      cancelAtPeriodEnd: sub.cancel_at_period_end,
      lastEventAt: created,
      updatedAt: deps.clock(),
    };
    const [written] = await tx
      .insert(subscriptions)
      .values({ ...values, stripeId: sub.id })
      .onConflictDoUpdate({
        target: subscriptions.stripeId,
        set: values,
        setWhere: or(isNull(subscriptions.lastEventAt), lt(subscriptions.lastEventAt, created)),
      })
      .returning({ id: subscriptions.id });
    if (!written) return 'stale' as const;
    const change = await syncPlan(db, userId);
    if (change) planChanges.push({ userId, ...change });
    return 'applied' as const;
  });
  for (const change of planChanges) {
    await deps.cache.delete(principalCacheKey(change.userId));
    await recordAuditEvent(deps.db, {
      userId: change.userId,
      action: 'plan.changed',
      details: { from: change.from, to: change.to, by: 'stripe', event: event.id },
    });
    const facts = { from: change.from as PlanName, to: change.to as PlanName };
    await emitEvent(deps, {
      userId: change.userId,
      type: 'subscription.changed',
      ...describeEvent('subscription.changed', facts, 'en'),
      data: facts,
      dedupeKey: `subscription.changed:${event.id}`,
    });
  }
  return { event: event.id, type: event.type, outcome };
}

function planOfPrice(deps: BillingDeps, price: string | undefined): PaidPlan | null {
  const prices = deps.billing?.prices;
  if (!prices || !price) return null;
  return price === prices.pro ? 'pro' : price === prices.business ? 'business' : null;
}

async function findUser(db: Db, fromMetadata: string | undefined, customer: string) {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      fromMetadata && z.uuid().safeParse(fromMetadata).success
        ? or(eq(users.id, fromMetadata), eq(users.stripeCustomerId, customer))
        : eq(users.stripeCustomerId, customer),
    )
    .limit(1);
  return user?.id ?? null;
}

/** Sets the user's plan from their best paying subscription (free without one). */
async function syncPlan(db: Db, userId: string) {
  const paying = await db
    .select({ plan: subscriptions.planName })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, PAYING)))
    .orderBy(
      desc(sql`case ${subscriptions.planName} when 'business' then 2 when 'pro' then 1 else 0 end`),
    );
  const plan = paying[0]?.plan ?? 'free';
  const [before] = await db
    .select({ plan: users.subscription })
    .from(users)
    .where(eq(users.id, userId));
  if (!before || before.plan === plan) return null;
  await db
    .update(users)
    .set({ subscription: plan, updatedAt: new Date() })
    .where(eq(users.id, userId));
  return { from: before.plan, to: plan };
}
