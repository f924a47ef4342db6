import { type Env, print } from '../env';
import { describeDatabase, openDatabase } from '../open-database';

export async function migrateCommand(env: Env) {
  const database = await openDatabase(env);
  try {
    await database.migrate();
    print(`migrations applied (${describeDatabase(env)})`);
  } finally {
    await database.close();
  }
}
