import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { purgeExpiredCache } from '../maintenance/purge-expired-cache';
import type { JobId } from './catalog';

/** What every processor may use; passed in by whoever runs the jobs. */
export type JobDeps = { db: Db; cache: Cache; clock: () => Date };

type Processor = (payload: never, deps: JobDeps) => Promise<unknown>;

/** One processor per job id: a use case of core, called with the validated payload. */
export const PROCESSORS: Record<JobId, Processor> = {
  'maintenance.purge-expired-cache': (payload: { batchSize: number }, deps) =>
    purgeExpiredCache(deps, { now: deps.clock(), batchSize: payload.batchSize }),
};
