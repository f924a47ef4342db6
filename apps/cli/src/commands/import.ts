import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ImportKind, importKeywords } from '@digitallz/core';
import { CliError, type Env, print } from '../env';
import { openDatabase } from '../open-database';

export type ImportOptions = { kind: ImportKind; marketplace: string; json: boolean };

/** Imports a Brand Analytics report, a Keyword Planner export or a keyword,platform,volume CSV. */
export async function importCommand(env: Env, file: string, options: ImportOptions): Promise<void> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  const database = await openDatabase(env);
  try {
    await database.migrate();
    const result = await importKeywords(
      { db: database.db },
      { kind: options.kind, bytes, filename: basename(file), marketplace: options.marketplace },
    );
    if (options.json) {
      print(JSON.stringify(result, null, 2));
      return;
    }
    print(
      `imported ${result.imported} rows from ${basename(file)} (${options.kind}); skipped ${result.skippedCount}`,
    );
    for (const s of result.skipped) print(`  line ${s.line}: ${s.message}`);
    if (result.skippedCount > result.skipped.length)
      print(`  ... and ${result.skippedCount - result.skipped.length} more`);
  } finally {
    await database.close();
  }
}
