import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalSecrets, keepFirst } from './local-secrets';

const dir = mkdtempSync(join(tmpdir(), 'digitallz-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local secrets', () => {
  it('are made once, private, and kept', () => {
    const dataDir = join(dir, 'once');
    const first = ensureLocalSecrets(dataDir);
    expect(ensureLocalSecrets(dataDir)).toEqual(first);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
  });

  it("of a process that loses the race to write them are the winner's", () => {
    const file = join(dir, 'race.json');
    const winner = { AUTH_SECRET: 'a', ENCRYPTION_KEYS: 'local1:a' };
    expect(keepFirst(file, winner)).toEqual(winner);
    expect(keepFirst(file, { AUTH_SECRET: 'b', ENCRYPTION_KEYS: 'local1:b' })).toEqual(winner);
    expect(readdirSync(dir).filter((f) => f.startsWith('race'))).toEqual(['race.json']);
  });

  it('are the same for processes starting together on one data folder', async () => {
    const dataDir = join(dir, 'together');
    const module = fileURLToPath(new URL('./local-secrets.ts', import.meta.url));
    // Each process loads, then waits for the same moment, so that they all look for the file at once.
    const at = Date.now() + 4_000;
    const script = `const { ensureLocalSecrets } = await import(${JSON.stringify(module)});
      while (Date.now() < ${at});
      process.stdout.write(JSON.stringify(ensureLocalSecrets(${JSON.stringify(dataDir)})));`;
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () =>
        promisify(execFile)(process.execPath, [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ]),
      ),
    );
    const secrets = outputs.map(({ stdout }) => stdout);
    expect(new Set(secrets).size).toBe(1);
    expect(JSON.parse(secrets[0] as string)).toEqual(ensureLocalSecrets(dataDir));
  }, 60_000);
});
