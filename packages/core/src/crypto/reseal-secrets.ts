import { type Db, queryRows, sql } from '@digitallz/db';
import type { SecretBox } from './secret-box';

/** Every column that holds a sealed secret. */
const SEALED_COLUMNS = [
  { table: 'users', column: 'totp_secret', key: 'id' },
  { table: 'oauth_accounts', column: 'access_token', key: 'id' },
  { table: 'oauth_accounts', column: 'refresh_token', key: 'id' },
  { table: 'webhook_endpoints', column: 'secret', key: 'id' },
  { table: 'marketplace_connections', column: 'credentials', key: 'id' },
] as const;

export type ResealResult = { checked: number; resealed: number };

/**
 * After a key rotation (a new key first in ENCRYPTION_KEYS, the old ones after it), re-encrypts
 * every stored secret still sealed with an old key, so the old key can then be removed. Each row
 * is updated only if it still holds the value read (safe alongside a running API).
 */
export async function resealSecrets(db: Db, box: SecretBox): Promise<ResealResult> {
  let checked = 0;
  let resealed = 0;
  for (const { table, column, key } of SEALED_COLUMNS) {
    const rows = await queryRows<{ id: string; value: string }>(
      db,
      sql`select ${sql.identifier(key)}::text as id, ${sql.identifier(column)} as value
          from ${sql.identifier(table)} where ${sql.identifier(column)} is not null`,
    );
    for (const row of rows) {
      checked++;
      if (!box.isStale(row.value)) continue;
      const fresh = box.seal(box.open(row.value));
      await db.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${fresh}
                           where ${sql.identifier(key)}::text = ${row.id} and ${sql.identifier(column)} = ${row.value}`);
      resealed++;
    }
  }
  return { checked, resealed };
}
