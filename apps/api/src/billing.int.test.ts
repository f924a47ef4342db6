import { createInProcessRunner, createStripe } from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, startStripeStandIn, type TestUser } from './test-helpers';

const WEBHOOK_SECRET = 'whsec_test_secret_for_digitallz';
const PRICES = { pro: 'price_pro_monthly', business: 'price_business_monthly' };

describe.each(testDbKinds())('Stripe billing on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let standIn: Awaited<ReturnType<typeof startStripeStandIn>>;
  const stripe = createStripe('sk_test_digitallz');
  let user: TestUser;
  let eventNo = 0;

  beforeAll(async () => {
    database = await createTestDb(kind);
    standIn = await startStripeStandIn();
    const cache = createTestCache('memory');
    app = await buildApp({
      database,
      cache,
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => new Date() } }),
      accounts: {
        appUrl: 'https://app.digitallz.test',
        billing: {
          stripe: createStripe('sk_test_digitallz', standIn.url),
          webhookSecret: WEBHOOK_SECRET,
          prices: PRICES,
        },
      },
    });
    user = await signUpUser(app);
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await standIn.close();
    await database.close();
  });

  /** A real Stripe event, signed with the SDK's test helper. */
  function event(type: string, object: object, created: number, id = `evt_${++eventNo}`) {
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2025-10-29',
      created,
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    });
    return {
      id,
      payload,
      signature: stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
    };
  }
  const subscription = (status: string, price: string, customer = 'cus_test1') => ({
    id: 'sub_test_1',
    object: 'subscription',
    customer,
    status,
    cancel_at_period_end: false,
    metadata: { userId: user.userId },
    items: {
      object: 'list',
      data: [
        {
          id: 'si_1',
          object: 'subscription_item',
          price: { id: price, object: 'price' },
          current_period_start: 1_764_000_000,
          current_period_end: 1_766_592_000,
        },
      ],
    },
  });
  const deliver = (e: { payload: string; signature: string }) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/billing/webhook',
      headers: { 'content-type': 'application/json', 'stripe-signature': e.signature },
      payload: e.payload,
    });
  const plan = async () =>
    (await app.inject({ url: '/api/v1/billing', headers: user.headers })).json();

  it('opens Checkout for a paid plan with one Stripe customer per user', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/billing/checkout',
      headers: user.headers,
      payload: { plan: 'pro' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().url).toBe('https://checkout.stripe.test/c/cs_test_1');
    const session = standIn.calls.find((c) => c.path === '/v1/checkout/sessions');
    expect(session?.form.get('line_items[0][price]')).toBe(PRICES.pro);
    expect(session?.form.get('client_reference_id')).toBe(user.userId);
    expect(session?.form.get('mode')).toBe('subscription');
    expect(session?.form.get('customer')).toBe('cus_test1');
    await app.inject({
      method: 'POST',
      url: '/api/v1/billing/checkout',
      headers: user.headers,
      payload: { plan: 'business' },
    });
    expect(standIn.calls.filter((c) => c.path === '/v1/customers')).toHaveLength(1);
    expect(standIn.calls.find((c) => c.path === '/v1/customers')?.idempotencyKey).toBe(
      `customer-${user.userId}`,
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/billing/checkout',
      headers: user.headers,
      payload: { plan: 'free' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('moves the plan on signed subscription events, once per event, in event order', async () => {
    const created = event(
      'customer.subscription.created',
      subscription('active', PRICES.pro),
      1_000,
    );
    const res = await deliver(created);
    expect(res.json()).toMatchObject({ outcome: 'applied' });
    expect(await plan()).toMatchObject({
      plan: 'pro',
      subscription: { status: 'active', plan: 'pro' },
    });

    // A replay is acknowledged and changes nothing twice.
    expect((await deliver(created)).json()).toMatchObject({ outcome: 'duplicate' });
    const changes = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where user_id = ${user.userId} and action = 'plan.changed'`,
    );
    expect(changes[0]?.n).toBe(1);

    // Upgraded, then an older update arrives late: the newer state stands.
    await deliver(
      event('customer.subscription.updated', subscription('active', PRICES.business), 3_000),
    );
    const late = await deliver(
      event('customer.subscription.updated', subscription('active', PRICES.pro), 2_000),
    );
    expect(late.json()).toMatchObject({ outcome: 'stale' });
    expect((await plan()).plan).toBe('business');
    // The user's next request already has the new plan's quotas.
    const usage = await app.inject({ url: '/api/v1/account/usage', headers: user.headers });
    expect(usage.json()).toMatchObject({ plan: 'business', searchesPerDay: { limit: 5_000 } });

    const checkoutAgain = await app.inject({
      method: 'POST',
      url: '/api/v1/billing/checkout',
      headers: user.headers,
      payload: { plan: 'pro' },
    });
    expect(checkoutAgain.statusCode).toBe(409);

    await deliver(
      event('customer.subscription.deleted', subscription('canceled', PRICES.business), 4_000),
    );
    expect(await plan()).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
  });

  it('refuses unsigned, wrongly signed and altered events and writes nothing', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from stripe_events`,
    );
    const good = event('customer.subscription.created', subscription('active', PRICES.pro), 9_000);
    const forged = {
      payload: good.payload,
      signature: new (await import('stripe')).default(
        'sk_test_x',
      ).webhooks.generateTestHeaderString({
        payload: good.payload,
        secret: 'whsec_someone_else',
      }),
    };
    const altered = {
      payload: good.payload.replace(PRICES.pro, PRICES.business),
      signature: good.signature,
    };
    for (const attempt of [{ payload: good.payload, signature: '' }, forged, altered]) {
      const res = await deliver(attempt);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('signature');
    }
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from stripe_events`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
    expect((await plan()).plan).toBe('free');
  });

  it("opens Stripe's customer portal", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/billing/portal',
      headers: user.headers,
    });
    expect(res.json()).toEqual({ url: 'https://billing.stripe.test/p/bps_1' });
    const call = standIn.calls.find((c) => c.path === '/v1/billing_portal/sessions');
    expect(call?.form.get('customer')).toBe('cus_test1');
    expect(call?.form.get('return_url')).toBe('https://app.digitallz.test/account/billing');
  });
});
