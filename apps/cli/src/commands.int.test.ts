import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '@digitallz/core/testing';
import { createDb, keywordData, queryRows, sql } from '@digitallz/db';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/digitallz.js', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

// Each test runs the CLI several times (a Node process each): slow on a loaded 2-core machine.
describe('digitallz CLI', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands with --help', () => {
    const { code, out } = cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'migrate', 'seed-demo']) expect(out).toContain(command);
  });

  it('migrates and seeds the embedded database, then leaves it alone', async () => {
    expect(cli(['migrate'], { DATA_DIR: dataDir })).toMatchObject({
      code: 0,
      out: expect.stringContaining('migrations applied'),
    });
    const seeded = cli(['seed-demo', '--keywords', '40'], { DATA_DIR: dataDir });
    expect(seeded).toMatchObject({ code: 0, out: expect.stringContaining('demo data loaded') });
    expect(cli(['seed-demo'], { DATA_DIR: dataDir }).out).toContain('demo data left as it is');
    const database = await createDb({ dataDir: join(dataDir, 'pglite') });
    // The 40 keywords whose marketplace searches were collected (their suggestions are known too).
    const rows = await database.db
      .select({ keyword: keywordData.keyword })
      .from(keywordData)
      .where(sql`${keywordData.listingCount} is not null`);
    // Two years of weekly volumes each (the collected week and the 103 before it): enough for the
    // trend to tell growth from the season and for the forecast's yearly season.
    const weeks = await queryRows<{ weeks: number }>(
      database.db,
      sql`select count(*)::int as weeks from keyword_observations o
          join keyword_data k on k.id = o.keyword_id
          where o.search_volume is not null and k.listing_count is not null group by k.id`,
    );
    await database.close();
    expect(new Set(rows.map((r) => r.keyword)).size).toBe(40);
    expect(weeks.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(...weeks.map((w) => w.weeks))).toBe(104);
  });

  it('makes an administrator, and re-encrypts stored secrets after a key rotation', async () => {
    const database = await createDb({ dataDir: join(dataDir, 'pglite') });
    const oldKeys = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
    const { createSecretBox, parseKeyring } = await import('@digitallz/core');
    const sealed = createSecretBox(parseKeyring(oldKeys)).seal('TOTP-SECRET');
    await database.db.execute(
      sql`insert into users (email, totp_secret) values ('Owner@Example.com', ${sealed})`,
    );
    await database.close();

    expect(cli(['set-role', '--email', 'owner@example.com'], { DATA_DIR: dataDir })).toMatchObject({
      code: 0,
      out: expect.stringContaining('owner@example.com is now an administrator'),
    });
    expect(cli(['set-role', '--email', 'ghost@example.com'], { DATA_DIR: dataDir })).toMatchObject({
      code: 1,
      out: expect.stringContaining('no account with the email ghost@example.com'),
    });
    const newKey = `k2:${Buffer.alloc(32, 9).toString('base64')}`;
    const rotated = cli(['reseal-secrets'], {
      DATA_DIR: dataDir,
      ENCRYPTION_KEYS: `${newKey},${oldKeys}`,
    });
    expect(rotated).toMatchObject({
      code: 0,
      out: expect.stringContaining('1 of 1 stored secrets re-encrypted with key "k2"'),
    });
    expect(
      cli(['reseal-secrets'], { DATA_DIR: dataDir, ENCRYPTION_KEYS: 'k1:short' }),
    ).toMatchObject({
      code: 1,
      out: expect.stringContaining('ENCRYPTION_KEYS: key "k1" must be 32 bytes'),
    });
    const after = await createDb({ dataDir: join(dataDir, 'pglite') });
    const [row] = await queryRows<{ role: string; totp_secret: string }>(
      after.db,
      sql`select role, totp_secret from users where email = 'Owner@Example.com'`,
    );
    await after.close();
    expect(row?.role).toBe('admin');
    expect(createSecretBox(parseKeyring(newKey)).open(row?.totp_secret as string)).toBe(
      'TOTP-SECRET',
    );
  });

  it('lists quarantined payloads for admins', () => {
    expect(cli(['quarantine'], { DATA_DIR: dataDir })).toMatchObject({
      code: 0,
      out: expect.stringContaining('no quarantined payloads'),
    });
    const json = cli(['quarantine', '--platform', 'etsy', '--json'], { DATA_DIR: dataDir });
    expect(JSON.parse(json.out)).toEqual({ counts: [], recent: [] });
  });

  it('imports reports, reporting bad rows by line, and refuses files that are not what they claim', () => {
    const fixtures = fileURLToPath(
      new URL('../../../packages/core/test-fixtures/imports/', import.meta.url),
    );
    const csv = cli(['import', '--kind', 'csv', join(fixtures, 'keyword_platform_volume.csv')], {
      DATA_DIR: dataDir,
    });
    expect(csv.code).toBe(0);
    expect(csv.out).toContain('imported 3 rows from keyword_platform_volume.csv (csv); skipped 3');
    expect(csv.out).toContain('line 4: platform "walmart" is not one of amazon, etsy, ebay');
    const planner = cli(
      [
        'import',
        '--kind',
        'keyword-planner',
        '--json',
        join(fixtures, 'keyword_planner_keyword_stats_utf16.tsv'),
      ],
      { DATA_DIR: dataDir },
    );
    expect(JSON.parse(planner.out)).toMatchObject({
      kind: 'keyword-planner',
      imported: 4,
      skippedCount: 2,
    });
    const wrong = cli(
      ['import', '--kind', 'brand-analytics', join(fixtures, 'keyword_platform_volume.csv')],
      {
        DATA_DIR: dataDir,
      },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('not an Amazon Brand Analytics search terms report');
  });

  it('forecasts weekly series from a CSV file into another', () => {
    const input = join(dataDir, 'series.csv');
    const output = join(dataDir, 'forecast.csv');
    const rows = Array.from({ length: 40 }, (_, t) => {
      const date = new Date(Date.UTC(2026, 0, 5) + t * 7 * 86_400_000).toISOString().slice(0, 10);
      return [`planner,${date},${100 + t}`, `svg,${date},${50 + (t % 4)}`];
    }).flat();
    writeFileSync(input, ['id,date,value', ...rows].join('\n'));
    const run = cli(['forecast', '--input', input, '--horizon', '13', '--output', output]);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining('forecast of 2 series') });
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,date,forecast,lo80,hi80,lo95,hi95');
    expect(lines).toHaveLength(1 + 2 * 13);
    expect(lines.filter((l) => l.startsWith('planner,')).at(-1)).toMatch(/^planner,2027-01-04,/);

    writeFileSync(input, 'id,date,value\nplanner,2026-01-05,1\nplanner,2026-01-12,x\n');
    const bad = cli(['forecast', '--input', input]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('line 3: "x" is not a number');
    expect(bad.out).not.toMatch(/\n\s+at /);
    expect(cli(['forecast', '--input', join(dataDir, 'nope.csv')]).out).toContain('no such file');
  });

  it('exits non-zero with a clear message on bad input', () => {
    const badOption = cli(['seed-demo', '--keywords', 'lots'], { DATA_DIR: dataDir });
    expect(badOption.code).not.toBe(0);
    expect(badOption.out).toContain('must be a positive whole number');
    const badEnv = cli(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.out).toContain('DATABASE_URL');
    expect(badEnv.out).not.toMatch(/\n\s+at /);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain('unknown command');
  });

  it.each(['amazon', 'etsy', 'ebay'])(
    'collects %s from the sandbox marketplace as JSON',
    (platform) => {
      const { code, out } = cli([
        'collect',
        '--platform',
        platform,
        '--keyword',
        'planner',
        '--sandbox',
        '--json',
      ]);
      expect(code).toBe(0);
      const result = JSON.parse(out);
      expect(result).toMatchObject({ platform, marketplace: 'US', keyword: 'planner' });
      expect(result.stats.resultCount).toBeGreaterThan(0);
      expect(Array.isArray(result.suggestions)).toBe(true);
    },
  );

  it('expands from a seed within the budget', () => {
    const { code, out } = cli([
      'collect',
      '--platform',
      'amazon',
      '--keyword',
      'wedding',
      '--sandbox',
      '--expand',
      '--budget',
      '20',
      '--json',
    ]);
    expect(code).toBe(0);
    const { expansion } = JSON.parse(out);
    expect(expansion.requests).toBe(20);
    expect(expansion.keywords.length).toBeGreaterThan(10);
  });

  it('fails clearly without credentials, on an unreachable marketplace and on an unknown platform', () => {
    const noKey = cli([
      'collect',
      '--platform',
      'etsy',
      '--keyword',
      'x',
      '--base-url',
      'http://127.0.0.1:1',
    ]);
    expect(noKey.code).toBe(1);
    expect(noKey.out).toContain('[MARKETPLACE_CREDENTIALS_REQUIRED]');
    const down = cli(
      ['collect', '--platform', 'etsy', '--keyword', 'x', '--base-url', 'http://127.0.0.1:1'],
      { ETSY_API_KEY: 'k' },
    );
    expect(down.code).toBe(1);
    expect(down.out).toContain('[MARKETPLACE_UNAVAILABLE]');
    expect(down.out).not.toMatch(/\n\s+at /);
    const walmart = cli(['collect', '--platform', 'walmart', '--keyword', 'x']);
    expect(walmart.code).not.toBe(0);
    expect(walmart.out).toContain('amazon, etsy, ebay');
  });
});

describe.runIf(testCacheKinds().includes('redis'))(
  'digitallz jobs on Redis',
  { timeout: 120_000 },
  () => {
    it('lists failed jobs and replays them, refusing unclear requests', async () => {
      const prefix = testKeyPrefix().slice(0, -1);
      const env = { REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix };
      const connection = { url: testRedisUrl() };
      const queue = new Queue('maintenance', { connection, prefix });
      const events = new QueueEvents('maintenance', { connection, prefix });
      await events.waitUntilReady();
      const worker = new Worker(
        'maintenance',
        async () => {
          throw new Error('marketplace down');
        },
        { connection, prefix },
      );
      const job = await queue.add('maintenance.purge-expired-cache', {}, { attempts: 1 });
      await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow('marketplace down');
      await worker.close();

      const listed = cli(['jobs', 'failed', '--json'], env);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.out)).toEqual([
        expect.objectContaining({ id: job.id, queue: 'maintenance', error: 'marketplace down' }),
      ]);
      expect(cli(['jobs', 'retry'], env)).toMatchObject({
        code: 1,
        out: expect.stringContaining('give --all or one or more --id'),
      });
      expect(cli(['jobs', 'retry', '--id', job.id ?? '', 'gone'], env)).toMatchObject({
        code: 1,
        out: expect.stringMatching(
          new RegExp(`retried 1 job\\(s\\): ${job.id}\\nnot failed \\(or gone\\): gone`),
        ),
      });
      // Back in its queue, waiting for a worker, with its attempts counted afresh.
      const replayed = await queue.getJob(job.id ?? '');
      expect(await replayed?.getState()).toBe('waiting');
      expect(replayed?.attemptsMade).toBe(0);
      expect(cli(['jobs', 'failed'], env).out).toContain('no failed jobs');
      expect(cli(['jobs', 'retry', '--all'], env)).toMatchObject({
        code: 0,
        out: 'retried 0 job(s)\n',
      });
      expect(cli(['jobs', 'failed'], {})).toMatchObject({
        code: 1,
        out: expect.stringContaining('REDIS_URL is not set'),
      });
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    });
  },
);
