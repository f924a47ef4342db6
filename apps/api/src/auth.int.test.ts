import { Writable } from 'node:stream';
import {
  createInProcessRunner,
  createMailer,
  createSecretBox,
  parseKeyring,
} from '@digitallz/core';
import { createTestCache, startTestSmtpServer, type TestSmtpServer } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { base64url, SignJWT } from 'jose';
import { generate } from 'otplib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { randomIp, signUpUser, TEST_PASSWORD } from './test-helpers';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe.each(testDbKinds())('authentication on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let smtp: TestSmtpServer;
  let now = Date.parse('2026-11-24T12:00:00Z');
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await createTestDb(kind);
    smtp = await startTestSmtpServer();
    const cache = createTestCache('memory');
    const clock = () => new Date(now);
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _encoding, callback) {
          logLines.push(String(chunk));
          callback();
        },
      }),
    );
    app = await buildApp({
      database,
      cache,
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock } }),
      clock,
      logger,
      accounts: {
        secret: SECRET,
        encryptionKeys: KEYS,
        appUrl: 'https://app.digitallz.test',
        mailer: createMailer({ smtpUrl: smtp.url, from: 'Digitallz <no-reply@digitallz.test>' }),
        corsOrigins: ['https://app.digitallz.test'],
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await smtp.close();
    await database.close();
  });

  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers,
      remoteAddress: randomIp(),
      ...(payload ? { payload } : {}),
    });
  const me = (headers: Record<string, string>) => app.inject({ url: '/api/v1/account', headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('signs up, emails a verification link over SMTP, and verifies the address', async () => {
    const res = await post('/api/v1/auth/sign-up', {
      email: 'New.Seller@Example.com',
      password: TEST_PASSWORD,
      locale: 'fr',
    });
    expect(res.statusCode).toBe(201);
    const session = res.json();
    expect(session).toMatchObject({ status: 'signed-in', tokenType: 'Bearer', expiresIn: 900 });
    const cookies = res.cookies.map((c) => c.name).sort();
    expect(cookies).toEqual(['dz_access', 'dz_csrf', 'dz_refresh']);
    expect(res.cookies.find((c) => c.name === 'dz_access')).toMatchObject({ httpOnly: true });

    const email = await smtp.next('new.seller@example.com');
    expect(email.raw).toContain('Subject: Confirmez votre adresse Digitallz');
    const token = smtp.tokenIn(email);
    expect((await me(bearer(session.accessToken))).json()).toMatchObject({
      email: 'new.seller@example.com',
      emailVerified: false,
      plan: 'free',
      locale: 'fr',
    });
    expect((await post('/api/v1/auth/verify-email', { token })).statusCode).toBe(200);
    expect((await me(bearer(session.accessToken))).json().emailVerified).toBe(true);
    // A link works once.
    expect((await post('/api/v1/auth/verify-email', { token })).statusCode).toBe(400);
    // The same address again, in any case, is taken.
    const again = await post('/api/v1/auth/sign-up', {
      email: 'new.seller@EXAMPLE.com',
      password: TEST_PASSWORD,
    });
    expect(again.statusCode).toBe(409);
  });

  it('signs in with the password, and refuses a wrong one the same way as an unknown email', async () => {
    const user = await signUpUser(app);
    const ok = await post('/api/v1/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect((await me(bearer(ok.json().accessToken))).statusCode).toBe(200);
    const wrong = await post('/api/v1/auth/sign-in', {
      email: user.email,
      password: 'nope-nope-nope',
    });
    const unknown = await post('/api/v1/auth/sign-in', {
      email: 'nobody@example.com',
      password: 'nope-nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const [hash] = await queryRows<{ password_hash: string }>(
      database.db,
      sql`select password_hash from users where id = ${user.userId}`,
    );
    expect(hash?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('locks sign-in for an email and address after 5 wrong passwords, even with the right one', async () => {
    const user = await signUpUser(app);
    const from = { remoteAddress: '192.0.2.10' };
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: user.email, password },
        ...from,
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password-1')).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // From another address, the owner still gets in.
    expect(
      (await post('/api/v1/auth/sign-in', { email: user.email, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('limits the auth routes per address', async () => {
    const hits = [];
    for (let i = 0; i < 21; i++)
      hits.push(
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/password-reset',
          payload: { email: 'someone@example.com' },
          remoteAddress: '192.0.2.77',
        }),
      );
    expect(hits.slice(0, 20).every((r) => r.statusCode === 202)).toBe(true);
    expect(hits[20]?.statusCode).toBe(429);
    expect(hits[20]?.headers['retry-after']).toBeDefined();
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const user = await signUpUser(app);
    const first = await post('/api/v1/auth/refresh', { refreshToken: user.refreshToken });
    expect(first.statusCode).toBe(200);
    const second = first.json();
    expect(second.refreshToken).not.toBe(user.refreshToken);
    const refresh = async (refreshToken: string) =>
      (await post('/api/v1/auth/refresh', { refreshToken })).statusCode;
    // Within 10 s the spent token is a concurrent request of the same browser: it still works.
    now += 5_000;
    const concurrent = await post('/api/v1/auth/refresh', { refreshToken: user.refreshToken });
    expect(concurrent.statusCode).toBe(200);
    // Later it comes back (stolen): the family ends, including its newest tokens.
    now += 11_000;
    try {
      expect(await refresh(user.refreshToken)).toBe(401);
      expect(await refresh(second.refreshToken)).toBe(401);
      expect(await refresh(concurrent.json().refreshToken)).toBe(401);
    } finally {
      now -= 16_000;
    }
    const audit = await app.inject({ url: '/api/v1/account/audit', headers: user.headers });
    expect(audit.json().data.map((e: { action: string }) => e.action)).toContain(
      'auth.refresh_reused',
    );
  });

  it('refreshes from the cookie and signs out, ending the session', async () => {
    const user = await signUpUser(app);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { dz_refresh: user.refreshToken },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const session = refreshed.json();
    const out = await post('/api/v1/auth/sign-out', undefined, bearer(session.accessToken));
    expect(out.statusCode, out.body).toBe(200);
    expect(out.cookies.find((c) => c.name === 'dz_refresh')?.value).toBe('');
    expect(
      (await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).statusCode,
    ).toBe(401);
  });

  it('rejects tampered, expired, alg:none and wrong-key access tokens', async () => {
    const user = await signUpUser(app);
    const [header, payload, signature] = user.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const admin = base64url.encode(JSON.stringify({ ...claims, role: 'admin' }));
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${admin}.`;
    const wrongKey = await new SignJWT({ role: 'admin', sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('digitallz')
      .setAudience('digitallz:access')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 900)
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-too!!'));
    for (const token of [`${header}.${admin}.${signature}`, none, wrongKey, 'garbage']) {
      const res = await me(bearer(token));
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect((await me(user.headers)).statusCode).toBe(200);
    now += 901_000;
    try {
      const expired = await me(user.headers);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toMatch(/expired/);
    } finally {
      now -= 901_000;
    }
  });

  it('needs the CSRF header for cookie-authenticated writes', async () => {
    const user = await signUpUser(app);
    const cookies = { dz_access: user.accessToken, dz_csrf: user.csrfToken };
    const create = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/lists',
        cookies,
        headers,
        payload: { name: 'x' },
      });
    expect((await create({})).statusCode).toBe(403);
    expect((await create({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await create({ 'x-csrf-token': user.csrfToken })).statusCode).toBe(201);
    // Reads with the cookie need nothing more.
    expect((await app.inject({ url: '/api/v1/lists', cookies })).statusCode).toBe(200);
  });

  it('resets a forgotten password by email and ends every session', async () => {
    const user = await signUpUser(app);
    await smtp.next(user.email); // the verification email
    const unknown = await post('/api/v1/auth/password-reset', { email: 'ghost@example.com' });
    const known = await post('/api/v1/auth/password-reset', { email: user.email });
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.body).toBe(known.body);
    const token = smtp.tokenIn(await smtp.next(user.email));
    expect(smtp.received.some((e) => e.to.includes('ghost@example.com'))).toBe(false);

    const weak = await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const done = await post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a brand new passphrase',
    });
    expect(done.statusCode).toBe(200);
    expect(
      (await post('/api/v1/auth/refresh', { refreshToken: user.refreshToken })).statusCode,
    ).toBe(401);
    expect(
      (await post('/api/v1/auth/sign-in', { email: user.email, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(401);
    const signedIn = await post('/api/v1/auth/sign-in', {
      email: user.email,
      password: 'a brand new passphrase',
    });
    expect(signedIn.statusCode).toBe(200);
    expect(
      (await post('/api/v1/auth/password-reset/confirm', { token, password: 'another passphrase' }))
        .statusCode,
    ).toBe(400);
  });

  it('adds TOTP two-factor sign-in with single-use codes and recovery codes', async () => {
    const user = await signUpUser(app);
    const setup = await post('/api/v1/account/2fa/setup', undefined, user.headers);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Digitallz/);
    // Kept encrypted with the configured key, never in clear.
    const [row] = await queryRows<{ totp_secret: string }>(
      database.db,
      sql`select totp_secret from users where id = ${user.userId}`,
    );
    expect(row?.totp_secret).not.toContain(secret);
    expect(createSecretBox(parseKeyring(KEYS)).open(row?.totp_secret as string)).toBe(secret);

    const code = () => generate({ secret, epoch: Math.floor(now / 1000) });
    const wrongFirst = await post('/api/v1/account/2fa/enable', { code: '000000' }, user.headers);
    expect(wrongFirst.statusCode).toBe(401);
    const enabled = await post('/api/v1/account/2fa/enable', { code: await code() }, user.headers);
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json();
    expect(recoveryCodes).toHaveLength(10);

    now += 30_000; // the next time step
    const step1 = await post('/api/v1/auth/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(step1.json()).toMatchObject({ status: 'two-factor-required' });
    expect(step1.json().accessToken).toBeUndefined();
    const challenge = step1.json().challenge as string;
    expect((await post('/api/v1/auth/sign-in/2fa', { challenge, code: '123456' })).statusCode).toBe(
      401,
    );
    const current = await code();
    expect((await post('/api/v1/auth/sign-in/2fa', { challenge, code: current })).statusCode).toBe(
      200,
    );
    // The same code again is a replay.
    expect((await post('/api/v1/auth/sign-in/2fa', { challenge, code: current })).statusCode).toBe(
      401,
    );
    // A recovery code works once.
    const recovery = recoveryCodes[0] as string;
    expect((await post('/api/v1/auth/sign-in/2fa', { challenge, code: recovery })).statusCode).toBe(
      200,
    );
    expect((await post('/api/v1/auth/sign-in/2fa', { challenge, code: recovery })).statusCode).toBe(
      401,
    );
    expect((await me(user.headers)).json()).toMatchObject({
      twoFactorEnabled: true,
      recoveryCodesLeft: 9,
    });
    // An access token is not a 2FA challenge.
    expect(
      (await post('/api/v1/auth/sign-in/2fa', { challenge: user.accessToken, code: current }))
        .statusCode,
    ).toBe(401);
  });

  it('sends security headers, and CORS only to the configured origin', async () => {
    const res = await app.inject({
      url: '/health',
      headers: { origin: 'https://app.digitallz.test' },
    });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.stringContaining('max-age='),
      'access-control-allow-origin': 'https://app.digitallz.test',
      'access-control-allow-credentials': 'true',
      // JSON answers load nothing.
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    const other = await app.inject({ url: '/health', headers: { origin: 'https://evil.test' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-credentials']).toBeUndefined();
    // No origin, no CORS headers at all.
    const script = await app.inject({ url: '/health' });
    expect(Object.keys(script.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    // The docs UI is HTML: helmet's whole set, with a CSP that lets it load its own scripts.
    const docs = await app.inject({ url: '/api/docs/' });
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['x-dns-prefetch-control']).toBe('off');
  });

  it('keeps passwords, tokens and keys out of the logs', async () => {
    const user = await signUpUser(app);
    const key = await post(
      '/api/v1/api-keys',
      { name: 'logs', scopes: ['keywords:read'] },
      user.headers,
    );
    await app.inject({ url: '/api/v1/plans', headers: { 'x-api-key': key.json().key } });
    await post('/api/v1/auth/refresh', { refreshToken: user.refreshToken });
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(1_000);
    for (const secret of [
      TEST_PASSWORD,
      user.accessToken,
      user.refreshToken,
      key.json().key,
      SECRET,
    ])
      expect(logs).not.toContain(secret);
  });
});
