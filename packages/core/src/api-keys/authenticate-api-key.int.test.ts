import { createDb, type Db, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { sha256 } from '../crypto/random-token';
import { freePort } from '../testing';
import { apiKeyCacheKey, createApiKeyAuthenticator, forgetApiKey } from './authenticate-api-key';
import { createApiKey } from './manage-api-keys';

describe.runIf(testDbKinds().includes('postgres'))('API keys while the database is down', () => {
  it('authenticates a key read as valid within 5 minutes, never a revoked one, and fails after', async () => {
    const handle = await createTestDb('postgres');
    // A real PostgreSQL client pointed where nothing listens: the database gone.
    const down = await createDb({ url: `postgres://postgres@127.0.0.1:${await freePort()}/none` });
    const [user] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into users (email, subscription) values ('keys@digitallz.test', 'pro') returning id::text as id`,
    );
    let time = new Date('2026-12-01T10:00:00Z').getTime();
    const clock = () => new Date(time);
    const make = async (name: string) =>
      (
        await createApiKey(
          { db: handle.db, clock },
          user?.id as string,
          { name, scopes: ['keywords:read'] },
          {},
        )
      ).key;
    const kept = await make('kept');
    const revoked = await make('revoked');
    let db: Db = handle.db;
    const switching = new Proxy({} as Db, { get: (_, name) => Reflect.get(db, name) });
    const cache = createCache();
    const authenticate = createApiKeyAuthenticator({ db: switching, cache, clock });

    expect(await authenticate(kept)).toMatchObject({ plan: 'pro', scopes: ['keywords:read'] });
    await authenticate(revoked);
    await forgetApiKey(cache, sha256(revoked)); // what revoking does

    db = down.db;
    // Its cached record expired: the database must be read, and cannot be.
    await cache.delete(apiKeyCacheKey(sha256(kept)));
    time += 61_000; // past the once-a-minute last_used_at write, which fails quietly
    expect(await authenticate(kept)).toMatchObject({ plan: 'pro' });
    await expect(authenticate(revoked)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    time += 5 * 60_000;
    await expect(authenticate(kept)).rejects.not.toMatchObject({ code: 'UNAUTHENTICATED' });

    db = handle.db;
    expect(await authenticate(kept)).toMatchObject({ plan: 'pro' });
    await down.close();
    await handle.close();
  });
});
