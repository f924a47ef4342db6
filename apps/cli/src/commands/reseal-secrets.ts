import { createSecretBox, ensureLocalSecrets, parseKeyring, resealSecrets } from '@digitallz/core';
import { CliError, type Env, print } from '../env';
import { openDatabase } from '../open-database';

/** Re-encrypts stored secrets with the first key of ENCRYPTION_KEYS (after adding a new key). */
export async function resealSecretsCommand(env: Env) {
  const keys = env.ENCRYPTION_KEYS ?? ensureLocalSecrets(env.DATA_DIR).ENCRYPTION_KEYS;
  let box: ReturnType<typeof createSecretBox>;
  try {
    box = createSecretBox(parseKeyring(keys));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const database = await openDatabase(env);
  try {
    await database.migrate();
    const result = await resealSecrets(database.db, box);
    print(
      `${result.resealed} of ${result.checked} stored secrets re-encrypted with key "${box.currentKeyId}"; older keys can now be removed from ENCRYPTION_KEYS`,
    );
  } finally {
    await database.close();
  }
}
