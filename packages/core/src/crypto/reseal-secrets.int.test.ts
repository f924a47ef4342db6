import { randomBytes } from 'node:crypto';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resealSecrets } from './reseal-secrets';
import { createSecretBox, parseKeyring } from './secret-box';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe.each(testDbKinds())('re-encrypting secrets after a key rotation on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle.close());

  it('moves every secret to the current key, after which the old key can go', async () => {
    const oldKey = key('old');
    const before = createSecretBox(parseKeyring(oldKey));
    await handle.db.execute(sql`insert into users (email, totp_secret) values
      ('a@example.com', ${before.seal('SECRET-A')}), ('b@example.com', ${before.seal('SECRET-B')}),
      ('c@example.com', null)`);
    await handle.db.execute(sql`insert into oauth_accounts (user_id, provider, subject, access_token)
      select id, 'github', '1', ${before.seal('gho_TOKEN')} from users where email = 'a@example.com'`);
    await handle.db.execute(sql`insert into marketplace_connections (user_id, platform, credentials, fields, hint)
      select id, 'etsy', ${before.seal('{"etsyApiKey":"ETSY-KEY"}')}, '{etsyApiKey}', '…-KEY'
      from users where email = 'b@example.com'`);
    const newKey = key('new');
    const rotated = createSecretBox(parseKeyring(`${newKey},${oldKey}`));
    expect(await resealSecrets(handle.db, rotated)).toEqual({ checked: 4, resealed: 4 });
    expect(await resealSecrets(handle.db, rotated)).toEqual({ checked: 4, resealed: 0 });

    const onlyNew = createSecretBox(parseKeyring(newKey));
    const rows = await queryRows<{ email: string; totp_secret: string }>(
      handle.db,
      sql`select email, totp_secret from users where totp_secret is not null order by email`,
    );
    expect(rows.map((r) => onlyNew.open(r.totp_secret))).toEqual(['SECRET-A', 'SECRET-B']);
    const [token] = await queryRows<{ access_token: string }>(
      handle.db,
      sql`select access_token from oauth_accounts`,
    );
    expect(onlyNew.open(token?.access_token as string)).toBe('gho_TOKEN');
    const [connection] = await queryRows<{ credentials: string }>(
      handle.db,
      sql`select credentials from marketplace_connections`,
    );
    expect(JSON.parse(onlyNew.open(connection?.credentials as string))).toEqual({
      etsyApiKey: 'ETSY-KEY',
    });
  });
});
