import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@digitallz/core/testing';
import { queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { describe, expect, it } from 'vitest';

const server = fileURLToPath(new URL('./server.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe.runIf(testDbKinds().includes('postgres'))('API process', () => {
  it('finishes the requests in flight on SIGTERM, then exits 0', { timeout: 120_000 }, async () => {
    const database = await createTestDb('postgres');
    const dataDir = mkdtempSync(join(tmpdir(), 'digitallz-shutdown-'));
    const port = await freePort();
    const api = spawn(process.execPath, ['--import', 'tsx', server], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url ?? '',
        DATA_DIR: dataDir,
        API_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: 'pipe',
    });
    let output = '';
    api.stdout.on('data', (d) => (output += d));
    api.stderr.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      if ((await fetch(`${base}/ready`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Sign-ups hash their passwords (argon2): slow enough to be in flight when the signal comes.
    let answered = 0;
    const emails = Array.from({ length: 19 }, (_, i) => `shutdown-${i}@example.com`);
    const answers = emails.map((email) =>
      fetch(`${base}/api/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a long enough passphrase' }),
      }).then((r) => {
        answered++;
        return r.status;
      }),
    );
    // In flight: received by the server (logged), not yet answered. A connection still opening
    // when the server closes is refused instead (clients retry; Kubernetes' preStop sleep takes
    // the pod out of the endpoints before the signal).
    const received = () => (output.match(/incoming request/g) ?? []).length;
    // (19 sign-ups: the per-address limit of the auth routes is 20 a minute.)
    for (let i = 0; i < 1_000 && received() < emails.length; i++)
      await new Promise((r) => setTimeout(r, 2));
    api.kill('SIGTERM');
    const inFlight = emails.length - answered;
    const statuses = await Promise.all(answers);
    const [code] = await once(api, 'exit');
    expect(output).toContain('shutting down');
    expect(inFlight, output.slice(-1500)).toBeGreaterThan(0);
    expect(statuses, output).toEqual(emails.map(() => 201));
    expect(code, output.slice(-3000)).toBe(0);
    // Every answered sign-up is stored: nothing was cut off half-way.
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from users where email like 'shutdown-%@example.com'`,
    );
    expect(n).toBe(emails.length);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
