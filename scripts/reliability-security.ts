/**
 * npm run reliability:security
 *
 * The auth and ownership checks against a running server with real tokens: the API from its
 * bundle on this machine's PostgreSQL (a fresh database) and Redis, called over HTTP only, with
 * accounts made through sign-up and sign-in, their access and refresh tokens, cookies and API
 * keys. Then the server's whole log (at debug level) is searched for every password, token, key
 * and secret used. Prints one line per check; exits 1 if any fails.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@digitallz/core/testing';
import { createDb, sql } from '@digitallz/db';
import { SignJWT } from 'jose';
import pg from 'pg';
import { buildServers, secretsInLogs, startServer, waitOk } from './lib/platform';

const out = (line: string) => process.stdout.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'digitallz-reliability-security-'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = 'dz_reliability_security';
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${database} with (force)`);
await admin.query(`create database ${database}`);
await admin.end();
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;
const handle = await createDb({ url: databaseUrl.toString() });
await handle.migrate();

const secret = randomBytes(32).toString('base64url');
const encryption = randomBytes(32).toString('base64');
const logFile = join(dir, 'api.log');
buildServers();
const port = await freePort();
const api = startServer(
  'api',
  {
    API_PORT: String(port),
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `security-${Date.now().toString(36)}:`,
    QUEUE_PREFIX: `security-${Date.now().toString(36)}`,
    DATA_DIR: dir,
    AUTH_SECRET: secret,
    ENCRYPTION_KEYS: `security:${encryption}`,
    TRUST_PROXY: 'true',
    CORS_ORIGINS: 'https://app.digitallz.test',
    LOG_LEVEL: 'debug',
  },
  logFile,
);
const base = `http://127.0.0.1:${port}`;
await waitOk(`${base}/ready`, api);

type Answer = { status: number; body: unknown; headers: Headers };
let ipCounter = 0;
async function call(
  method: string,
  path: string,
  options: {
    token?: string;
    apiKey?: string;
    body?: unknown;
    headers?: Record<string, string>;
    ip?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    // Each caller its own address (behind the load balancer), unless a check pins one.
    'x-forwarded-for':
      options.ip ?? `10.9.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`,
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

const used: Record<string, string> = { AUTH_SECRET: secret, 'ENCRYPTION_KEYS key': encryption };
type Session = {
  userId: string;
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
};
async function signUp(label: string): Promise<Session> {
  const email = `${label}-${randomUUID()}@digitallz.test`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const res = await call('POST', '/api/v1/auth/sign-up', { body: { email, password } });
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as Session;
  used[`${label} password`] = password;
  used[`${label} access token`] = body.accessToken;
  used[`${label} refresh token`] = body.refreshToken;
  return { ...body, email, password };
}

const results: { name: string; ok: boolean; detail?: string }[] = [];
async function check(name: string, run: () => Promise<void>) {
  try {
    await run();
    results.push({ name, ok: true });
    out(`PASS  ${name}`);
  } catch (error) {
    results.push({ name, ok: false, detail: (error as Error).message });
    out(`FAIL  ${name}: ${(error as Error).message}`);
  }
}
function expectStatus(answer: Answer, statuses: number[], what: string) {
  if (!statuses.includes(answer.status))
    throw new Error(
      `${what}: ${answer.status} (expected ${statuses.join(' or ')}) ${JSON.stringify(answer.body).slice(0, 200)}`,
    );
  if (answer.status >= 400) {
    const error = (answer.body as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      throw new Error(`${what}: ${answer.status} not in the error shape`);
  }
}

// The two users: A owns things, B tries to reach them.
const a = await signUp('alice');
const b = await signUp('bob');

const owned: { kind: string; path: string; write?: { method: string; body?: unknown } }[] = [];
await check("A's resources are made through the API with A's real token", async () => {
  const list = await call('POST', '/api/v1/lists', {
    token: a.accessToken,
    body: { name: 'Secret list' },
  });
  expectStatus(list, [201], 'create list');
  const listId = (list.body as { id: string }).id;
  owned.push({
    kind: 'list',
    path: `/api/v1/lists/${listId}`,
    write: { method: 'PATCH', body: { name: 'taken' } },
  });
  owned.push({ kind: 'list export', path: `/api/v1/lists/${listId}/export` });
  const key = await call('POST', '/api/v1/api-keys', {
    token: a.accessToken,
    body: { name: 'A key', scopes: ['keywords:read'] },
  });
  expectStatus(key, [201], 'create API key');
  const created = key.body as { id: string; key: string };
  used['alice API key'] = created.key;
  owned.push({
    kind: 'API key',
    path: `/api/v1/api-keys/${created.id}`,
    write: { method: 'DELETE' },
  });
  const rule = await call('POST', '/api/v1/alert-rules', {
    token: a.accessToken,
    body: { kind: 'trending', threshold: 10 },
  });
  expectStatus(rule, [201], 'create alert rule');
  const ruleId = (rule.body as { id: string }).id;
  owned.push({
    kind: 'alert rule',
    path: `/api/v1/alert-rules/${ruleId}`,
    write: { method: 'PATCH', body: { enabled: false } },
  });
});

await check(
  "B's real token never reaches A's resources (read, write, delete: 404 or 403)",
  async () => {
    for (const resource of owned) {
      expectStatus(
        await call('GET', resource.path, { token: b.accessToken }),
        [403, 404, 405],
        `B reads A's ${resource.kind}`,
      );
      if (resource.write)
        expectStatus(
          await call(resource.write.method, resource.path, {
            token: b.accessToken,
            body: resource.write.body,
          }),
          [403, 404],
          `B writes A's ${resource.kind}`,
        );
    }
    // And A still has them all, unchanged.
    const lists = await call('GET', '/api/v1/lists', { token: a.accessToken });
    const names = (lists.body as { data: { name: string }[] }).data.map((l) => l.name);
    if (!names.includes('Secret list')) throw new Error(`A's list changed: ${names.join(', ')}`);
    const keys = await call('GET', '/api/v1/api-keys', { token: a.accessToken });
    if ((keys.body as { data: unknown[] }).data.length !== 1)
      throw new Error("A's API key was revoked by B");
  },
);

await check("B's listings hold none of A's things", async () => {
  const ids = owned.map((r) => r.path.split('/')[4] as string);
  for (const path of [
    '/api/v1/lists',
    '/api/v1/api-keys',
    '/api/v1/alert-rules',
    '/api/v1/history',
  ]) {
    const res = await call('GET', path, { token: b.accessToken });
    expectStatus(res, [200], `B lists ${path}`);
    const text = JSON.stringify(res.body);
    const leaked = ids.filter((id) => text.includes(id));
    if (leaked.length > 0) throw new Error(`${path} shows B A's ${leaked.join(', ')}`);
    if (text.includes('Secret list')) throw new Error(`${path} shows B A's list`);
  }
});

await check('forged, tampered, expired and alg:none tokens are refused (401)', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { role: 'admin', sid: randomUUID() };
  const sign = (key: string, exp: number, audience = 'digitallz:access') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(a.userId)
      .setIssuer('digitallz')
      .setAudience(audience)
      .setIssuedAt(now - 10)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(key));
  const [head, payload, signature] = a.accessToken.split('.') as [string, string, string];
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  const flipped = `${head}.${payload}.${signature.slice(0, -2)}${signature.endsWith('A') ? 'B' : 'A'}A`;
  const forgedPayload = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
  ).toString('base64url');
  const cases: Record<string, string> = {
    'another key': await sign(randomBytes(32).toString('base64url'), now + 600),
    'expired (our key)': await sign(secret, now - 5),
    'another token type (our key)': await sign(secret, now + 600, 'digitallz:2fa'),
    'alg none': none,
    'tampered signature': flipped,
    'payload changed to admin': `${head}.${forgedPayload}.${signature}`,
  };
  for (const [name, token] of Object.entries(cases))
    expectStatus(await call('GET', '/api/v1/account', { token }), [401], name);
});

await check('a user is no administrator (403 on every admin route)', async () => {
  for (const path of [
    '/api/v1/admin/users',
    '/api/v1/admin/audit',
    '/api/v1/admin/jobs/failed',
    '/api/v1/admin/quarantine',
  ])
    expectStatus(await call('GET', path, { token: a.accessToken }), [403], path);
});

await check('an API key is held to its scopes and to API-key routes only', async () => {
  const key = used['alice API key'] as string;
  expectStatus(
    await call('GET', '/api/v1/keywords/search?q=planner&platform=etsy', { apiKey: key }),
    [200],
    'read with keywords:read',
  );
  expectStatus(
    await call('POST', '/api/v1/lists', { apiKey: key, body: { name: 'x' } }),
    [403],
    'write lists without lists:write',
  );
  expectStatus(
    await call('GET', '/api/v1/account', { apiKey: key }),
    [403],
    'account settings with a key',
  );
  expectStatus(
    await call('POST', '/api/v1/api-keys', {
      apiKey: key,
      body: { name: 'y', scopes: ['keywords:read'] },
    }),
    [403],
    'a key making keys',
  );
});

await check('a revoked API key is refused at once', async () => {
  const made = await call('POST', '/api/v1/api-keys', {
    token: a.accessToken,
    body: { name: 'to revoke', scopes: ['keywords:read'] },
  });
  const { id, key } = made.body as { id: string; key: string };
  used['revoked API key'] = key;
  expectStatus(
    await call('GET', '/api/v1/keywords/search?q=svg&platform=etsy', { apiKey: key }),
    [200],
    'before revoking',
  );
  expectStatus(
    await call('DELETE', `/api/v1/api-keys/${id}`, { token: a.accessToken }),
    [200, 204],
    'revoke',
  );
  expectStatus(
    await call('GET', '/api/v1/keywords/search?q=svg&platform=etsy', { apiKey: key }),
    [401],
    'after revoking',
  );
});

await check('cookie-authenticated writes need the CSRF header', async () => {
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.8.0.1' },
    body: JSON.stringify({ email: a.email, password: a.password }),
  });
  const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const body = (await signIn.json()) as {
    csrfToken: string;
    accessToken: string;
    refreshToken: string;
  };
  used['cookie access token'] = body.accessToken;
  used['cookie refresh token'] = body.refreshToken;
  const cookie = cookies.join('; ');
  expectStatus(
    await call('POST', '/api/v1/lists', { headers: { cookie }, body: { name: 'csrf' } }),
    [403],
    'without x-csrf-token',
  );
  expectStatus(
    await call('POST', '/api/v1/lists', {
      headers: { cookie, 'x-csrf-token': 'wrong' },
      body: { name: 'csrf' },
    }),
    [403],
    'with a wrong x-csrf-token',
  );
  expectStatus(
    await call('POST', '/api/v1/lists', {
      headers: { cookie, 'x-csrf-token': body.csrfToken },
      body: { name: 'csrf ok' },
    }),
    [201],
    'with the CSRF token',
  );
});

await check('refresh tokens rotate; reusing an old one ends the session', async () => {
  const first = await call('POST', '/api/v1/auth/refresh', {
    body: { refreshToken: b.refreshToken },
  });
  expectStatus(first, [200], 'first refresh');
  const next = (first.body as { refreshToken: string }).refreshToken;
  used['rotated refresh token'] = next;
  // Past the reuse window of a lost answer (a few seconds), the old token is a stolen one.
  await new Promise((r) => setTimeout(r, 11_000));
  expectStatus(
    await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: b.refreshToken } }),
    [401],
    'reusing the old token',
  );
  expectStatus(
    await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: next } }),
    [401],
    'the new token after the reuse',
  );
});

await check('sign-in guessing is stopped (429) and says when to retry', async () => {
  const ip = '10.7.0.1';
  let limited: Answer | undefined;
  for (let i = 0; i < 40 && !limited; i++) {
    const res = await call('POST', '/api/v1/auth/sign-in', {
      ip,
      body: { email: a.email, password: `wrong-${i}` },
    });
    if (res.status === 429) limited = res;
    else expectStatus(res, [401], `wrong password ${i}`);
  }
  if (!limited) throw new Error('40 wrong passwords and no 429');
  if (!limited.headers.get('retry-after')) throw new Error('429 without Retry-After');
});

await check('security headers on every answer; CORS only for the configured origin', async () => {
  const res = await fetch(`${base}/api/v1/plans`, { headers: { origin: 'https://evil.example' } });
  for (const header of [
    'strict-transport-security',
    'x-content-type-options',
    'content-security-policy',
    'x-frame-options',
  ])
    if (!res.headers.get(header)) throw new Error(`no ${header}`);
  if (res.headers.get('access-control-allow-origin'))
    throw new Error('CORS allowed a foreign origin');
  const ok = await fetch(`${base}/api/v1/plans`, {
    headers: { origin: 'https://app.digitallz.test' },
  });
  if (ok.headers.get('access-control-allow-origin') !== 'https://app.digitallz.test')
    throw new Error('CORS refused the configured origin');
});

await check('signed out: the refresh token is dead', async () => {
  const session = await signUp('carol');
  expectStatus(
    await call('POST', '/api/v1/auth/sign-out', { token: session.accessToken }),
    [200, 204],
    'sign out',
  );
  expectStatus(
    await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } }),
    [401],
    'refresh after sign-out',
  );
});

api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
await check('no password, token, key or secret used above is in the server log', async () => {
  const found = secretsInLogs([logFile], used);
  if (found.length > 0) throw new Error(`found: ${found.join(', ')}`);
  const lines = (await import('node:fs')).readFileSync(logFile, 'utf8').split('\n').length;
  out(`      (${Object.keys(used).length} secrets searched for in ${lines} log lines)`);
});
await handle.db.execute(sql`select 1`);
await handle.close();
rmSync(dir, { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).length;
out(`\n${results.length - failed} of ${results.length} checks passed`);
process.exit(failed > 0 ? 1 : 0);
