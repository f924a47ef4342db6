import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInProcessRunner, createOAuthProvider } from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb } from '@digitallz/db/testing';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser } from './test-helpers';

const API = 'http://api.digitallz.test';
const APP = 'http://app.digitallz.test';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A real OpenID provider (panva's oidc-provider) standing in for Google. */
async function startOpenIdProvider() {
  const server = createServer();
  const issuer = await listen(server);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'digitallz-google',
        client_secret: 'google-secret',
        redirect_uris: [`${API}/api/v1/auth/oauth/google/callback`],
      },
    ],
    // Logins named "unverified-..." have an email the provider has not verified.
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: `${id}@example.com`,
        email_verified: !id.startsWith('unverified'),
      }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key'] },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** GitHub's OAuth endpoints and REST API, as GitHub documents them, for one user. */
async function startGitHub(user: { id: number; email: string; verified: boolean }) {
  const codes = new Map<string, { challenge: string; redirect: string }>();
  const tokens = new Set<string>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://github.test');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login/oauth/authorize') {
      const code = randomUUID();
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirect: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      // GitHub takes the client credentials in the form or as HTTP Basic.
      const basic = Buffer.from(
        (req.headers.authorization ?? '').replace(/^Basic /, ''),
        'base64',
      ).toString();
      const auth = form.get('client_id')
        ? `${form.get('client_id')}:${form.get('client_secret')}`
        : basic;
      const grant = codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        !grant ||
        decodeURIComponent(auth) !== 'digitallz-github:github-secret' ||
        grant.challenge !== challenge ||
        grant.redirect !== form.get('redirect_uri')
      )
        return json(400, { error: 'bad_verification_code' });
      codes.delete(form.get('code') ?? '');
      const token = `gho_${randomUUID().replace(/-/g, '')}`;
      tokens.add(token);
      return json(200, {
        access_token: token,
        token_type: 'bearer',
        scope: 'read:user,user:email',
      });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(token)) return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/user') return json(200, { id: user.id, login: 'octo-seller' });
    if (url.pathname === '/user/emails')
      return json(200, [
        { email: 'old@example.com', primary: false, verified: true },
        { email: user.email, primary: true, verified: user.verified },
      ]);
    json(404, { message: 'Not Found' });
  });
  const base = await listen(server);
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A browser: follows redirects, keeps each host's cookies, submits the provider's forms. */
function browser(login = 'seller') {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (url: URL) =>
    [...(jar.get(url.host)?.entries() ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (url: URL, res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      const host = jar.get(url.host) ?? new Map();
      host.set(name as string, value.join('='));
      jar.set(url.host, host);
    }
  };
  /** Follows the provider's pages until the browser is sent to `stopAt`; returns that URL. */
  return async function until(start: string, stopAt: string): Promise<URL> {
    let url = new URL(start);
    let init: RequestInit = {};
    for (let hop = 0; hop < 20; hop++) {
      if (url.toString().startsWith(stopAt)) return url;
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as object), cookie: cookiesFor(url) },
      });
      keep(url, res);
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url);
        init = {};
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt)
        throw new Error(`stuck at ${url}: ${res.status} ${html.slice(0, 300)}`);
      url = new URL(action, url);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt, login, password: 'any' }).toString(),
      };
    }
    throw new Error('too many redirects');
  };
}

describe('sign-in with Google (OpenID Connect) and GitHub (OAuth 2.0)', () => {
  let database: DbHandle;
  let app: App;
  let google: Awaited<ReturnType<typeof startOpenIdProvider>>;
  let github: Awaited<ReturnType<typeof startGitHub>>;

  beforeAll(async () => {
    database = await createTestDb('pglite');
    google = await startOpenIdProvider();
    github = await startGitHub({ id: 4242, email: 'octo@example.com', verified: true });
    const cache = createTestCache('memory');
    app = await buildApp({
      database,
      cache,
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => new Date() } }),
      accounts: {
        appUrl: APP,
        apiUrl: API,
        oauth: {
          google: createOAuthProvider('google', {
            clientId: 'digitallz-google',
            clientSecret: 'google-secret',
            issuer: google.issuer,
          }),
          github: createOAuthProvider('github', {
            clientId: 'digitallz-github',
            clientSecret: 'github-secret',
            baseUrl: github.base,
            apiUrl: github.base,
          }),
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await google.close();
    await github.close();
    await database.close();
  });

  /** Runs a whole sign-in: start, the provider's pages, the callback. */
  async function signInWith(
    provider: 'google' | 'github',
    login = 'seller',
    tamper?: (u: URL) => void,
  ) {
    const start = await app.inject({
      url: `/api/v1/auth/oauth/${provider}/start?returnTo=/dashboard`,
    });
    expect(start.statusCode).toBe(302);
    const flowCookie = start.cookies.find((c) => c.name === 'dz_oauth');
    expect(flowCookie).toMatchObject({ httpOnly: true, path: '/api/v1/auth/oauth' });
    const authorize = new URL(start.headers.location as string);
    const back = await browser(login)(authorize.toString(), `${API}/`);
    tamper?.(back);
    const callback = await app.inject({
      url: `${back.pathname}${back.search}`,
      cookies: { dz_oauth: flowCookie?.value ?? '' },
    });
    return { authorize, callback };
  }

  it('signs up with Google using PKCE, state and nonce, then signs the same account in again', async () => {
    const { authorize, callback } = await signInWith('google', 'ada');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe(`${APP}/dashboard`);
    const access = callback.cookies.find((c) => c.name === 'dz_access')?.value as string;
    const me = await app.inject({ url: '/api/v1/account', cookies: { dz_access: access } });
    expect(me.json()).toMatchObject({
      email: 'ada@example.com',
      emailVerified: true,
      plan: 'free',
    });

    const again = await signInWith('google', 'ada');
    expect(again.callback.headers.location).toBe(`${APP}/dashboard`);
    const [count] = await queryRows<{ users: number; links: number }>(
      database.db,
      sql`select (select count(*)::int from users where email = 'ada@example.com') as users,
                 (select count(*)::int from oauth_accounts where provider = 'google') as links`,
    );
    expect(count).toEqual({ users: 1, links: 1 });
    // The provider's tokens are kept encrypted.
    const [row] = await queryRows<{ access_token: string }>(
      database.db,
      sql`select access_token from oauth_accounts where provider = 'google'`,
    );
    expect(row?.access_token.startsWith('v1.')).toBe(true);
  });

  it('links GitHub to the existing account with the same verified primary email', async () => {
    const existing = await signUpUser(app, { email: 'octo@example.com' });
    const { callback } = await signInWith('github');
    expect(callback.headers.location).toBe(`${APP}/dashboard`);
    const access = callback.cookies.find((c) => c.name === 'dz_access')?.value as string;
    const me = await app.inject({ url: '/api/v1/account', cookies: { dz_access: access } });
    expect(me.json().id).toBe(existing.userId);
    const audit = await app.inject({ url: '/api/v1/account/audit', headers: existing.headers });
    expect(audit.json().data[0]).toMatchObject({
      action: 'auth.signed_in',
      details: { provider: 'github' },
    });
  });

  it('refuses a wrong state, a missing flow cookie and an unverified email', async () => {
    const forged = await signInWith('google', 'mallory', (u) =>
      u.searchParams.set('state', 'forged'),
    );
    expect(forged.callback.headers.location).toBe(`${APP}/sign-in?error=oauth_failed`);
    expect(forged.callback.cookies.find((c) => c.name === 'dz_access')).toBeUndefined();

    const start = await app.inject({ url: '/api/v1/auth/oauth/google/start' });
    const back = await browser()(start.headers.location as string, `${API}/`);
    const noCookie = await app.inject({ url: `${back.pathname}${back.search}` });
    expect(noCookie.headers.location).toBe(`${APP}/sign-in?error=oauth_expired`);

    const unverified = await signInWith('google', 'unverified-eve');
    expect(unverified.callback.headers.location).toBe(`${APP}/sign-in?error=oauth_no_email`);
    const denied = await app.inject({
      url: '/api/v1/auth/oauth/google/callback?error=access_denied',
    });
    expect(denied.headers.location).toBe(`${APP}/sign-in?error=oauth_denied`);
  });

  it('lists the configured providers and refuses others and open redirects', async () => {
    expect((await app.inject({ url: '/api/v1/auth/oauth/providers' })).json()).toEqual({
      data: ['google', 'github'],
    });
    expect((await app.inject({ url: '/api/v1/auth/oauth/apple/start' })).statusCode).toBe(400);
    const open = await app.inject({
      url: '/api/v1/auth/oauth/google/start?returnTo=//evil.test/x',
    });
    expect(open.statusCode).toBe(400);
  });
});
