import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LocalSecretsSchema = z.object({ AUTH_SECRET: z.string(), ENCRYPTION_KEYS: z.string() });
export type LocalSecrets = z.infer<typeof LocalSecretsSchema>;

const read = (file: string) => LocalSecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

/**
 * The secrets of an embedded install: made once, kept in `<dataDir>/secrets.json` (mode 0600,
 * outside the repository), so `npm start` needs no .env. Deployments set AUTH_SECRET and
 * ENCRYPTION_KEYS themselves (every API instance must share them). Processes starting together
 * on one data folder (`API_WORKERS`, the worker beside the API) all end up with the same ones.
 */
export function ensureLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    return read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  return keepFirst(file, {
    AUTH_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
  });
}

/**
 * Writes `secrets` to `file` unless it exists, and returns what `file` then holds. The file is
 * written whole under another name and linked into place: it appears complete or not at all (a
 * process reading it while another wrote it in place found it empty), and only the first link
 * succeeds, so that a process that loses the race takes the winner's secrets.
 */
export function keepFirst(file: string, secrets: LocalSecrets): LocalSecrets {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return read(file);
  } finally {
    rmSync(draft, { force: true });
  }
}
