import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createInProcessRunner } from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import { createTestDb } from '@digitallz/db/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { randomIp, signUpUser, TEST_PASSWORD } from './test-helpers';

describe('logs', () => {
  it('never carry a password, a token, an API key or a marketplace secret, even at trace level', async () => {
    let logged = '';
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _encoding, callback) {
          logged += chunk;
          callback();
        },
      }),
    );
    const database = await createTestDb('pglite');
    const cache = createTestCache('memory');
    const encryptionKeys = `k1:${randomBytes(32).toString('base64')}`;
    const secret = randomBytes(32).toString('base64url');
    const app = await buildApp({
      database,
      cache,
      logger,
      accounts: { encryptionKeys, secret },
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => new Date() } }),
    });
    const user = await signUpUser(app);
    // Sign in again, by password: the password and the new tokens pass through the app.
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: randomIp(),
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const failed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: randomIp(),
      payload: { email: user.email, password: 'a wrong but long passphrase' },
    });
    expect(failed.statusCode).toBe(401);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: user.headers,
      payload: { name: 'logs', scopes: ['keywords:read'] },
    });
    const apiKey = created.json().key as string;
    expect(apiKey).toMatch(/^dz_/);
    await app.inject({
      url: '/api/v1/keywords/popular?platform=etsy',
      headers: { 'x-api-key': apiKey },
    });
    const etsyKey = `etsy-${randomBytes(12).toString('hex')}`;
    const connected = await app.inject({
      method: 'PUT',
      url: '/api/v1/account/marketplaces/etsy',
      headers: user.headers,
      payload: { etsyApiKey: etsyKey },
    });
    expect(connected.statusCode).toBeLessThan(300);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      remoteAddress: randomIp(),
      payload: { email: user.email },
    });
    await app.close();
    await database.close();

    // The requests above were logged (at trace level, with everything pino and Fastify log).
    expect(logged).toContain('/api/v1/auth/sign-in');
    expect(logged).toContain('/api/v1/account/marketplaces/etsy');
    const secrets = {
      password: TEST_PASSWORD,
      wrongPassword: 'a wrong but long passphrase',
      accessToken: user.accessToken,
      refreshToken: user.refreshToken,
      newAccessToken: signIn.json().accessToken as string,
      apiKey,
      apiKeySecretPart: apiKey.slice(-20),
      etsyKey,
      authSecret: secret,
      encryptionKey: encryptionKeys.slice(3),
    };
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, name).toBeTruthy();
      expect(logged.includes(value), `${name} is in the logs`).toBe(false);
    }
  });
});
