import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, users } from '@digitallz/db';
import type { App } from './app';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A loopback-like address per call, so per-IP limits on the auth routes do not pile up. */
export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export type TestUser = {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
  /** `Authorization: Bearer <access token>`. */
  headers: { authorization: string };
};

/** Signs a new user up through the API; `plan` and `role` are then set in the database. */
export async function signUpUser(
  app: App,
  options: { plan?: 'free' | 'pro' | 'business'; role?: 'user' | 'admin'; email?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `user-${randomUUID()}@example.com`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    remoteAddress: randomIp(),
    payload: { email, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  if (options.plan || options.role)
    await app.deps.db
      .update(users)
      .set({
        ...(options.plan ? { subscription: options.plan } : {}),
        ...(options.role ? { role: options.role } : {}),
      })
      .where(sql`${users.id} = ${body.userId}`);
  // A role lives in the access token: sign in again to get one that carries it.
  const session = options.role
    ? (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          remoteAddress: randomIp(),
          payload: { email, password: TEST_PASSWORD },
        })
      ).json()
    : body;
  return {
    userId: body.userId,
    email,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    csrfToken: session.csrfToken,
    headers: { authorization: `Bearer ${session.accessToken}` },
  };
}

/** Stripe's API as far as we call it (customers, Checkout, the portal), recording each call. */
export async function startStripeStandIn() {
  const calls: { path: string; form: URLSearchParams; idempotencyKey?: string }[] = [];
  let customers = 0;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const key = req.headers['idempotency-key'];
    calls.push({
      path: req.url ?? '',
      form,
      idempotencyKey: typeof key === 'string' ? key : undefined,
    });
    const json = (value: object) => {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_test' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/v1/customers')
      return json({ id: `cus_test${++customers}`, object: 'customer', email: form.get('email') });
    if (req.url === '/v1/checkout/sessions')
      return json({
        id: 'cs_test_1',
        object: 'checkout.session',
        url: 'https://checkout.stripe.test/c/cs_test_1',
      });
    if (req.url === '/v1/billing_portal/sessions')
      return json({
        id: 'bps_1',
        object: 'billing_portal.session',
        url: 'https://billing.stripe.test/p/bps_1',
      });
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'unknown' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * An import, once its job has finished (polled: other jobs may keep the runner from ever
 * being idle).
 */
export async function finishedImport(app: App, headers: object, path: string) {
  for (let i = 0; i < 400; i++) {
    const found = (await app.inject({ url: path, headers: headers as never })).json();
    if (found.status === 'completed' || found.status === 'failed') return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} did not finish`);
}
