import { createInProcessRunner, createMailer, createStripe, seedDemo } from '@digitallz/core';
import { createTestCache, startTestSmtpServer, type TestSmtpServer } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb } from '@digitallz/db/testing';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import {
  finishedImport,
  signUpUser,
  startStripeStandIn,
  TEST_PASSWORD,
  type TestUser,
} from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
/** A wrong value per parameter (a blank text is trimmed to nothing); ids and tokens get 'x'. */
const BAD: Record<string, string> = { platform: 'walmart', limit: '-1', q: '%20', keyword: '%20' };

type Operation = {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Lazy<T> = T | (() => T | Promise<T>);
/** A request: values may be computed when it is sent (tokens an earlier request produced). */
type Write = {
  url: Lazy<string>;
  payload?: Lazy<string | object>;
  /** The admin's session unless given; `{}` sends no credentials. */
  headers?: Lazy<Record<string, string>>;
};
type Sample = {
  good: Write;
  bad: Write;
  /** Runs after the good request, with its answer. */
  after?: (res: { json(): { id: string } }) => Promise<void>;
};
const resolve = async <T>(value: Lazy<T>): Promise<T> =>
  typeof value === 'function' ? (value as () => T | Promise<T>)() : value;
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object> };
};

/**
 * The contract: every GET route of the OpenAPI document, called with good and bad values, answers
 * with a status it documents and a body its schema for that status accepts.
 */
describe('OpenAPI contract', () => {
  let database: DbHandle;
  let app: App;
  let smtp: TestSmtpServer;
  let stripeStandIn: Awaited<ReturnType<typeof startStripeStandIn>>;
  let document: Document;
  let samples: Record<string, string>;
  /** An administrator on the business plan: every route is open to them. */
  let admin: TestUser;
  /** Users whose sessions the auth and 2FA samples use up. */
  let spare: TestUser;
  let twoFactor: TestUser;
  let signOutUser: TestUser;
  let deleteUser: TestUser;
  let challenge: string;
  let recoveryCode: string;
  let resetToken: string;
  const captured: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDb('pglite');
    await seedDemo({ db: database.db, asOf, keywords: 300 });
    smtp = await startTestSmtpServer();
    const cache = createTestCache('memory');
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    stripeStandIn = await startStripeStandIn();
    app = await buildApp({
      database,
      cache,
      jobs,
      clock: () => asOf,
      accounts: {
        mailer: createMailer({ smtpUrl: smtp.url, from: 'test@digitallz.test' }),
        billing: {
          stripe: createStripe('sk_test_contract', stripeStandIn.url),
          webhookSecret: 'whsec_contract',
          prices: { pro: 'price_pro', business: 'price_business' },
        },
      },
    });
    admin = await signUpUser(app, { plan: 'business', role: 'admin' });
    spare = await signUpUser(app);
    signOutUser = await signUpUser(app);
    deleteUser = await signUpUser(app);
    twoFactor = await signUpUser(app);
    const as = (user: TestUser) => ({ headers: user.headers });
    const secret = (
      await app.inject({ method: 'POST', url: '/api/v1/account/2fa/setup', ...as(twoFactor) })
    ).json().secret;
    const code = await generate({ secret, epoch: Math.floor(asOf.getTime() / 1000) });
    const recoveryCodes = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/account/2fa/enable',
        payload: { code },
        ...as(twoFactor),
      })
    ).json().recoveryCodes;
    recoveryCode = recoveryCodes[0];
    captured.recovery2 = recoveryCodes[1];
    captured.verify = smtp.tokenIn(await smtp.next(signOutUser.email));
    challenge = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: twoFactor.email, password: TEST_PASSWORD },
      })
    ).json().challenge;
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: spare.email },
    });
    await smtp.next(spare.email); // verification
    resetToken = smtp.tokenIn(await smtp.next(spare.email));

    document = (await app.inject({ url: '/api/openapi.json' })).json();
    const get = (url: string) => app.inject({ url, ...as(admin) });
    const post = (url: string, payload?: object) =>
      app.inject({ method: 'POST', url, ...as(admin), ...(payload ? { payload } : {}) });
    const top = (await get('/api/v1/keywords/popular?platform=etsy&limit=1')).json().data[0];
    const list = (await post('/api/v1/lists', { name: 'contract' })).json();
    const shared = (await post(`/api/v1/lists/${list.id}/share`)).json();
    const batch = (
      await post('/api/v1/batches', {
        platform: 'etsy',
        keywords: [top.keyword],
        collectMissing: false,
      })
    ).json();
    await jobs.idle();
    // Its job fails without marketplace access and waits for a retry: only its status is needed.
    const collection = (
      await get('/api/v1/keywords/search?q=zz%20contract%20unknown&platform=etsy')
    ).json().collection;
    samples = {
      platform: 'etsy',
      keyword: encodeURIComponent(top.keyword),
      q: encodeURIComponent(top.keyword.slice(0, 4)),
      id: list.id,
      token: shared.sharePath.split('/').at(-1),
    };
    samples.batch = batch.id;
    samples.collection = collection.id;
    await post('/api/v1/tracking', { keywords: [{ platform: 'etsy', keyword: top.keyword }] });
    samples.tracked = (await get('/api/v1/tracking')).json().data[0].id;
    // Nothing listens on port 9: deliveries fail fast, which the log then shows.
    samples.webhook = (
      await post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['keyword.alert'] })
    ).json().id;
    const imported = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/imports?kind=csv',
        payload: 'keyword,platform,volume\nwedding,etsy,100\n',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
      })
    ).json();
    samples.import = String(imported.id);
    await finishedImport(app, admin.headers, imported.path);
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await smtp.close();
    await stripeStandIn.close();
    await database.close();
  });

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  /** OpenAPI 3.0's `nullable: true` as the JSON Schema that Ajv reads. */
  function jsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(jsonSchema);
    if (!node || typeof node !== 'object') return node;
    const { nullable, ...rest } = node as Record<string, unknown>;
    const converted = Object.fromEntries(
      Object.entries(rest).map(([key, value]) => [key, jsonSchema(value)]),
    );
    return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
  }

  function urlFor(path: string, operation: Operation, bad: string | null) {
    const value = (name: string) => {
      if (name === bad) return BAD[name] ?? 'x';
      if (name === 'id' && path.includes('/batches/')) return samples.batch as string;
      if (name === 'id' && path.includes('/collections/')) return samples.collection as string;
      if (name === 'id' && path.includes('/tracking/')) return samples.tracked as string;
      if (name === 'id' && path.includes('/webhooks/')) return samples.webhook as string;
      if (name === 'id' && path.includes('/imports/')) return samples.import as string;
      if (name === 'id' && path.includes('/admin/users/')) return admin.userId;
      return samples[name] ?? '';
    };
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
    const query = (operation.parameters ?? [])
      .filter((p) => p.in === 'query' && (p.required || p.name === bad))
      .map((p) => `${p.name}=${value(p.name)}`);
    return query.length ? `${filled}?${query.join('&')}` : filled;
  }

  it('answers every GET route, good and bad, as documented', async () => {
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      const operation = operations.get;
      // Downloads and the OAuth redirects are checked by their own tests.
      if (!operation || path.includes('/export') || path.includes('/oauth/{provider}')) continue;
      const params = (operation.parameters ?? []).filter((p) => p.required);
      const cases = [null, ...params.map((p) => p.name)];
      if (path.endsWith('/popular')) cases.push('limit');
      for (const bad of cases) {
        const url = urlFor(path, operation, bad);
        const res = await app.inject({ url, headers: admin.headers });
        const documented = operation.responses[String(res.statusCode)];
        expect(documented, `${url} answered ${res.statusCode}, not documented`).toBeDefined();
        const schema = documented?.content?.['application/json']?.schema;
        if (schema) {
          const validate = ajv.compile(
            jsonSchema({ ...schema, components: document.components }) as object,
          );
          const valid = validate(res.json());
          expect(valid, `${url} ${res.statusCode}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
        if (bad === null) expect(res.statusCode, url).toBe(200);
        else expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        checked.push(`${res.statusCode} ${url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  /** A good and a bad request per write route; a route missing here fails the test. */
  const writes = (): Record<string, Sample> => {
    const list = `/api/v1/lists/${samples.id}`;
    const keywords = {
      keywords: [{ platform: 'etsy', keyword: decodeURIComponent(samples.keyword as string) }],
    };
    const csv = (body: string) => ({
      payload: body,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
    });
    return {
      'post /api/v1/lists/': {
        good: { url: '/api/v1/lists', payload: { name: 'another' } },
        bad: { url: '/api/v1/lists', payload: { name: '' } },
      },
      'patch /api/v1/lists/{id}': {
        good: { url: list, payload: { name: 'renamed' } },
        bad: { url: list, payload: { name: 'x'.repeat(101) } },
      },
      'post /api/v1/lists/{id}/keywords': {
        good: { url: `${list}/keywords`, payload: keywords },
        bad: { url: `${list}/keywords`, payload: { keywords: [] } },
      },
      'delete /api/v1/lists/{id}/keywords': {
        good: { url: `${list}/keywords`, payload: keywords },
        bad: { url: `${list}/keywords`, payload: { keywords: 'all' } },
      },
      'post /api/v1/lists/{id}/share': {
        good: { url: `${list}/share` },
        bad: { url: '/api/v1/lists/00000000-0000-4000-8000-000000000000/share' },
      },
      'delete /api/v1/lists/{id}/share': {
        good: { url: `${list}/share` },
        bad: { url: '/api/v1/lists/nope/share' },
      },
      'delete /api/v1/lists/{id}': {
        good: { url: list },
        bad: { url: list }, // already deleted by the good request: 404
      },
      'post /api/v1/batches/': {
        good: {
          url: '/api/v1/batches',
          payload: { platform: 'etsy', keywords: ['wedding'], collectMissing: false },
        },
        bad: { url: '/api/v1/batches', payload: { platform: 'etsy', keywords: [] } },
      },
      'post /api/v1/auth/sign-up': {
        good: {
          url: '/api/v1/auth/sign-up',
          payload: { email: 'c@example.com', password: TEST_PASSWORD },
        },
        bad: {
          url: '/api/v1/auth/sign-up',
          payload: { email: 'c2@example.com', password: 'short' },
        },
      },
      'post /api/v1/auth/sign-in': {
        good: {
          url: '/api/v1/auth/sign-in',
          payload: { email: spare.email, password: TEST_PASSWORD },
        },
        bad: { url: '/api/v1/auth/sign-in', payload: { email: spare.email, password: 'wrong!' } },
      },
      'post /api/v1/auth/sign-in/2fa': {
        good: {
          url: '/api/v1/auth/sign-in/2fa',
          payload: () => ({ challenge, code: recoveryCode }),
        },
        bad: {
          url: '/api/v1/auth/sign-in/2fa',
          payload: () => ({ challenge, code: recoveryCode }),
        },
      },
      'post /api/v1/auth/refresh': {
        good: {
          url: '/api/v1/auth/refresh',
          payload: () => ({ refreshToken: spare.refreshToken }),
        },
        bad: { url: '/api/v1/auth/refresh', payload: { refreshToken: 'x'.repeat(40) } },
      },
      'post /api/v1/auth/sign-out': {
        good: { url: '/api/v1/auth/sign-out', headers: () => signOutUser.headers },
        bad: { url: '/api/v1/auth/sign-out', headers: () => ({}) },
      },
      'post /api/v1/auth/verify-email': {
        good: { url: '/api/v1/auth/verify-email', payload: () => ({ token: captured.verify }) },
        bad: { url: '/api/v1/auth/verify-email', payload: { token: 'x'.repeat(40) } },
      },
      'post /api/v1/auth/verify-email/resend': {
        good: { url: '/api/v1/auth/verify-email/resend', headers: () => spare.headers },
        bad: { url: '/api/v1/auth/verify-email/resend', headers: () => signOutUser.headers },
      },
      'post /api/v1/auth/password-reset': {
        good: { url: '/api/v1/auth/password-reset', payload: { email: 'nobody@example.com' } },
        bad: { url: '/api/v1/auth/password-reset', payload: { email: 'not an email' } },
      },
      'post /api/v1/auth/password-reset/confirm': {
        good: {
          url: '/api/v1/auth/password-reset/confirm',
          payload: () => ({ token: resetToken, password: TEST_PASSWORD }),
        },
        bad: {
          url: '/api/v1/auth/password-reset/confirm',
          payload: () => ({ token: resetToken, password: TEST_PASSWORD }),
        },
      },
      'delete /api/v1/account/': {
        good: {
          url: '/api/v1/account',
          headers: () => deleteUser.headers,
          payload: { password: TEST_PASSWORD, confirm: 'DELETE' },
        },
        bad: { url: '/api/v1/account', headers: () => spare.headers, payload: { confirm: 'yes' } },
      },
      'patch /api/v1/account/': {
        good: { url: '/api/v1/account', payload: { locale: 'fr' } },
        bad: { url: '/api/v1/account', payload: {} },
      },
      'post /api/v1/account/password': {
        good: {
          url: '/api/v1/account/password',
          payload: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
        },
        bad: {
          url: '/api/v1/account/password',
          payload: { currentPassword: 'wrong', newPassword: TEST_PASSWORD },
        },
      },
      'post /api/v1/account/2fa/setup': {
        good: { url: '/api/v1/account/2fa/setup', headers: () => spare.headers },
        bad: { url: '/api/v1/account/2fa/setup', headers: () => twoFactor.headers },
      },
      'post /api/v1/account/2fa/enable': {
        good: {
          url: '/api/v1/account/2fa/enable',
          headers: () => spare.headers,
          payload: async () => ({ code: await totpOf(spare) }),
        },
        bad: {
          url: '/api/v1/account/2fa/enable',
          headers: () => spare.headers,
          payload: { code: 'abc' },
        },
      },
      'post /api/v1/account/2fa/disable': {
        good: {
          url: '/api/v1/account/2fa/disable',
          headers: () => twoFactor.headers,
          payload: () => ({ password: TEST_PASSWORD, code: captured.recovery2 }),
        },
        bad: {
          url: '/api/v1/account/2fa/disable',
          headers: () => twoFactor.headers,
          payload: { password: TEST_PASSWORD, code: '000000' },
        },
      },
      'post /api/v1/api-keys/': {
        good: { url: '/api/v1/api-keys', payload: { name: 'contract', scopes: ['keywords:read'] } },
        bad: { url: '/api/v1/api-keys', payload: { name: 'contract', scopes: [] } },
        after: async (res) => {
          captured.key = res.json().id;
        },
      },
      'post /api/v1/api-keys/{id}/rotate': {
        good: {
          url: () => `/api/v1/api-keys/${captured.key}/rotate`,
          payload: { overlapHours: 2 },
        },
        bad: {
          url: () => `/api/v1/api-keys/${captured.key}/rotate`,
          payload: { overlapHours: 1_000 },
        },
      },
      'delete /api/v1/api-keys/{id}': {
        good: { url: () => `/api/v1/api-keys/${captured.key}` },
        bad: { url: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000' },
      },
      'post /api/v1/billing/checkout': {
        good: {
          url: '/api/v1/billing/checkout',
          headers: () => spare.headers,
          payload: { plan: 'pro' },
        },
        bad: {
          url: '/api/v1/billing/checkout',
          headers: () => spare.headers,
          payload: { plan: 'free' },
        },
      },
      'post /api/v1/billing/portal': {
        good: { url: '/api/v1/billing/portal' },
        bad: { url: '/api/v1/billing/portal', headers: () => ({}) },
      },
      'post /api/v1/billing/webhook': {
        good: { url: '/api/v1/billing/webhook', ...stripeEvent(true) },
        bad: { url: '/api/v1/billing/webhook', ...stripeEvent(false) },
      },
      'patch /api/v1/admin/users/{id}': {
        good: { url: () => `/api/v1/admin/users/${spare.userId}`, payload: { plan: 'pro' } },
        bad: { url: () => `/api/v1/admin/users/${spare.userId}`, payload: {} },
      },
      'post /api/v1/imports/': {
        good: {
          url: '/api/v1/imports?kind=csv',
          ...csv('keyword,platform,volume\nwedding,etsy,100\n'),
        },
        bad: { url: '/api/v1/imports?kind=csv', ...csv('not,a,report\n') },
      },
      'post /api/v1/tracking/': {
        good: { url: '/api/v1/tracking', payload: keywords },
        bad: { url: '/api/v1/tracking', payload: { keywords: [] } },
      },
      'delete /api/v1/tracking/{id}': {
        good: { url: () => `/api/v1/tracking/${samples.tracked}` },
        bad: { url: () => `/api/v1/tracking/${samples.tracked}` }, // gone: 404
      },
      'post /api/v1/admin/jobs/failed/retry': {
        good: { url: '/api/v1/admin/jobs/failed/retry', payload: { all: true } },
        bad: { url: '/api/v1/admin/jobs/failed/retry', payload: { ids: [] } },
      },
      'post /api/v1/alert-rules/': {
        good: { url: '/api/v1/alert-rules', payload: { kind: 'volume_change', threshold: 50 } },
        bad: { url: '/api/v1/alert-rules', payload: { kind: 'volume_change', threshold: -1 } },
        after: async (res) => {
          captured.rule = res.json().id;
        },
      },
      'patch /api/v1/alert-rules/{id}': {
        good: { url: () => `/api/v1/alert-rules/${captured.rule}`, payload: { enabled: false } },
        bad: { url: () => `/api/v1/alert-rules/${captured.rule}`, payload: {} },
      },
      'delete /api/v1/alert-rules/{id}': {
        good: { url: () => `/api/v1/alert-rules/${captured.rule}` },
        bad: { url: '/api/v1/alert-rules/00000000-0000-4000-8000-000000000000' },
      },
      'post /api/v1/notifications/read': {
        good: { url: '/api/v1/notifications/read' },
        bad: { url: '/api/v1/notifications/read', payload: { ids: ['nope'] } },
      },
      'put /api/v1/account/marketplaces/{platform}': {
        good: {
          url: '/api/v1/account/marketplaces/etsy',
          payload: { etsyApiKey: 'a-seller-etsy-key' },
        },
        bad: { url: '/api/v1/account/marketplaces/etsy', payload: { etsyApiKey: 'short' } },
      },
      'delete /api/v1/account/marketplaces/{platform}': {
        good: { url: '/api/v1/account/marketplaces/etsy' },
        bad: { url: '/api/v1/account/marketplaces/etsy' }, // gone: 404
      },
      'put /api/v1/notifications/settings': {
        good: { url: '/api/v1/notifications/settings', payload: { emailMode: 'weekly' } },
        bad: { url: '/api/v1/notifications/settings', payload: { emailMode: 'hourly' } },
      },
      'post /api/v1/webhooks/': {
        good: {
          url: '/api/v1/webhooks',
          payload: { kind: 'slack', url: 'http://127.0.0.1:9/slack', events: ['batch.completed'] },
        },
        bad: { url: '/api/v1/webhooks', payload: { url: 'ftp://example.com', events: [] } },
      },
      'post /api/v1/webhooks/{id}/test': {
        good: { url: () => `/api/v1/webhooks/${samples.webhook}/test` },
        bad: { url: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/test' },
      },
      'post /api/v1/webhooks/{id}/enable': {
        good: { url: () => `/api/v1/webhooks/${samples.webhook}/enable` },
        bad: { url: '/api/v1/webhooks/nope/enable' },
      },
      'delete /api/v1/webhooks/{id}': {
        good: { url: () => `/api/v1/webhooks/${samples.webhook}` },
        bad: { url: () => `/api/v1/webhooks/${samples.webhook}` }, // gone: 404
      },
    };
  };

  const LAST = ['delete /api/v1/lists/{id}', 'delete /api/v1/webhooks/{id}'];

  it('answers every write route, good and bad, as documented', async () => {
    const table = writes();
    const seen: string[] = [];
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (method === 'get') continue;
        const key = `${method} ${path}`;
        const sample = table[key];
        expect(sample, `no contract sample for ${key}`).toBeDefined();
        if (!sample) continue;
        seen.push(key);
        // Deleting the list and the endpoint goes last: the other routes need them.
        if (LAST.includes(key)) continue;
        await check(method, operation, sample);
      }
    for (const key of LAST) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = document.paths[path]?.[method as 'delete'] as Operation;
      await check(method, operation, table[key] as Sample);
    }
    expect(seen.sort()).toEqual(Object.keys(table).sort());
  });

  async function check(method: string, operation: Operation, sample: Sample) {
    for (const [kind, request] of [
      ['good', sample.good],
      ['bad', sample.bad],
    ] as const) {
      const payload = request.payload === undefined ? undefined : await resolve(request.payload);
      const url = await resolve(request.url);
      const res = await app.inject({
        method: method.toUpperCase() as 'POST',
        url,
        headers: request.headers === undefined ? admin.headers : await resolve(request.headers),
        ...(payload === undefined ? {} : { payload }),
      });
      const label = `${method.toUpperCase()} ${url} (${kind}) answered ${res.statusCode}`;
      const documented = operation.responses[String(res.statusCode)];
      expect(documented, `${label}, not documented: ${res.body}`).toBeDefined();
      if (kind === 'good') expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(300);
      else expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      const schema = documented?.content?.['application/json']?.schema;
      if (schema && res.body) {
        const validate = ajv.compile(
          jsonSchema({ ...schema, components: document.components }) as object,
        );
        expect(validate(res.json()), `${label}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
      if (kind === 'good') await sample.after?.(res);
    }
  }

  /** A Stripe event the webhook accepts (signed with its secret) or refuses. */
  function stripeEvent(signed: boolean) {
    const payload = JSON.stringify({
      id: `evt_contract_${signed}`,
      object: 'event',
      created: 1_000,
      type: 'invoice.paid',
      data: { object: { id: 'in_1', object: 'invoice' } },
    });
    const secret = signed ? 'whsec_contract' : 'whsec_other';
    return {
      payload,
      headers: {
        ...admin.headers,
        'content-type': 'application/json',
        'stripe-signature': createStripe('sk_test_x').webhooks.generateTestHeaderString({
          payload,
          secret,
        }),
      },
    };
  }

  /** The current TOTP code of a user whose setup answer was captured. */
  async function totpOf(user: TestUser) {
    const [row] = await queryRows<{ totp_secret: string }>(
      database.db,
      sql`select totp_secret from users where id = ${user.userId}`,
    );
    const secret = app.deps.accounts.secrets.open(row?.totp_secret as string);
    return generate({ secret, epoch: Math.floor(asOf.getTime() / 1000) });
  }

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Route GET /api/v1/nothing-here not found' },
    });
  });
});
