import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LocalSecretsSchema = z.object({ AUTH_SECRET: z.string(), ENCRYPTION_KEYS: z.string() });
export type LocalSecrets = z.infer<typeof LocalSecretsSchema>;

/**
 * The secrets of an embedded install: made once, kept in `<dataDir>/secrets.json` (mode 0600,
 * outside the repository), so `npm start` needs no .env. Deployments set AUTH_SECRET and
 * ENCRYPTION_KEYS themselves (every API instance must share them).
 */
export function ensureLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    return LocalSecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
