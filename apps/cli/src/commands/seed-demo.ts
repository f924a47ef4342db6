import { seedDemo } from '@digitallz/core';
import { type Env, print } from '../env';
import { describeDatabase, openDatabase } from '../open-database';

export type SeedDemoCommandOptions = { keywords: number; force: boolean; quiet?: boolean };

/** Migrates, then loads the demo world unless keywords are already there (or with --force). */
export async function seedDemoCommand(env: Env, options: SeedDemoCommandOptions) {
  const database = await openDatabase(env);
  const log = options.quiet ? () => {} : print;
  try {
    await database.migrate();
    const started = Date.now();
    const result = await seedDemo({
      db: database.db,
      asOf: new Date(),
      keywords: options.keywords,
      force: options.force,
      onProgress: (message) => log(`  ${message}`),
    });
    if (result.seeded) {
      log(
        `demo data loaded: ${result.keywords} keywords, ${result.observations} weekly observations ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)}s (${describeDatabase(env)})`,
      );
    } else {
      log(`keywords already present, demo data left as it is (use --force to reload)`);
    }
    return result;
  } finally {
    await database.close();
  }
}
