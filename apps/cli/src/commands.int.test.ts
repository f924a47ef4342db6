import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, keywordData } from '@digitallz/db';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/digitallz.js', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('digitallz CLI', () => {
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
    const rows = await database.db.select({ keyword: keywordData.keyword }).from(keywordData);
    await database.close();
    expect(new Set(rows.map((r) => r.keyword)).size).toBe(40);
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
});
