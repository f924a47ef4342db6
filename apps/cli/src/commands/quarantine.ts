import type { Platform } from '@digitallz/contracts';
import { findQuarantined } from '@digitallz/core';
import { type Env, print } from '../env';
import { openDatabase } from '../open-database';

/** For admins: the marketplace payloads that failed validation, counted, with the latest ones. */
export async function quarantineCommand(
  env: Env,
  options: { platform?: Platform; limit: number; json: boolean },
) {
  const database = await openDatabase(env);
  try {
    const report = await findQuarantined({ db: database.db }, options);
    if (options.json) {
      print(JSON.stringify(report, null, 2));
      return;
    }
    if (report.counts.length === 0) {
      print('no quarantined payloads');
      return;
    }
    for (const c of report.counts) print(`${c.platform} ${c.operation}: ${c.count}`);
    print('');
    for (const q of report.recent) {
      print(
        `${q.createdAt.toISOString()} ${q.platform} ${q.operation} ${q.errorCode}: ${q.errorMessage}`,
      );
      print(`  request: ${q.request}`);
      print(`  payload: ${(q.payload ?? '').slice(0, 200)}`);
    }
  } finally {
    await database.close();
  }
}
