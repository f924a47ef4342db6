import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '@digitallz/core';
import { createDb, queryRows, sql } from '@digitallz/db';
import { createEmptyPostgresDb, createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/digitallz.js', import.meta.url));
const cli = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
};

/** Row counts and a checksum of the keywords: what the restore drill compares. */
async function fingerprint(url: string) {
  const database = await createDb({ url });
  try {
    const [row] = await queryRows<{ users: number; keywords: number; weeks: number; sum: string }>(
      database.db,
      sql`select (select count(*)::int from users) as users,
                 (select count(*)::int from keyword_data) as keywords,
                 (select count(*)::int from keyword_observations) as weeks,
                 (select md5(string_agg(keyword || ':' || coalesce(search_volume, -1), ',' order by id)) from keyword_data) as sum`,
    );
    return row;
  } finally {
    await database.close();
  }
}

describe.runIf(testDbKinds().includes('postgres'))(
  'digitallz backup and restore',
  { timeout: 120_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'digitallz-backup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('backs a database up and restores it, identical, into an empty one (the drill)', async () => {
      const source = await createTestDb('postgres');
      await seedDemo({ db: source.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 50 });
      await source.db.execute(sql`insert into users (email) values ('seller@example.com')`);
      const file = join(dir, 'backup.dump');
      const backup = cli(['backup', '--out', file], { DATABASE_URL: source.url ?? '' });
      expect(backup.out).toContain('backup written');
      expect(backup.code).toBe(0);
      // Never overwrites an earlier backup.
      expect(cli(['backup', '--out', file], { DATABASE_URL: source.url ?? '' })).toMatchObject({
        code: 1,
        out: expect.stringContaining('not overwriting'),
      });

      const target = await createEmptyPostgresDb();
      const restored = cli(['restore', '--from', file, '--database-url', target.url]);
      expect(restored.out).toContain('restored');
      expect(restored.code).toBe(0);
      const expected = await fingerprint(source.url ?? '');
      expect(expected?.keywords).toBeGreaterThan(0);
      expect(await fingerprint(target.url)).toEqual(expected);

      // A database that is not empty is left alone.
      const again = cli(['restore', '--from', file, '--database-url', target.url]);
      expect(again).toMatchObject({ code: 1, out: expect.stringContaining('not empty') });
      expect(await fingerprint(target.url)).toEqual(expected);
      await target.drop();
      await source.close();
    });

    it('says what is missing: PostgreSQL, or the file', () => {
      expect(cli(['backup', '--out', join(dir, 'x.dump')])).toMatchObject({
        code: 1,
        out: expect.stringContaining('DATABASE_URL is required'),
      });
      expect(
        cli(['restore', '--from', join(dir, 'missing.dump')], {
          DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        }),
      ).toMatchObject({ code: 1, out: expect.stringContaining('does not exist') });
    });
  },
);
