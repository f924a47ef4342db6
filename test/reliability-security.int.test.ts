import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testDbKinds } from '@digitallz/db/testing';
import { describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

// The security suite of issue 10 (scripts/reliability-security.ts) in every run: the bundled
// API over HTTP with real tokens, then the no-secret check of its log.
describe.runIf(testDbKinds().includes('postgres') && inject('services').redisUrl)(
  'reliability:security',
  () => {
    it('passes every auth and ownership check against a running server, no secret logged', () => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/reliability-security.ts'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: {
            ...process.env,
            BENCH_DATABASE_URL: inject('services').postgresAdminUrl ?? '',
            BENCH_REDIS_URL: inject('services').redisUrl ?? '',
          },
          timeout: 120_000,
        },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).not.toContain('FAIL');
      expect(run.stdout).toMatch(/(\d+) of \1 checks passed/);
    }, 150_000);
  },
);
