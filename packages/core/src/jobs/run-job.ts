import { AppError, JOB_RETRYABLE_CODES } from '../errors';
import { getJobDefinition } from './catalog';
import { pauseOf } from './pause';
import { type JobDeps, ON_GIVE_UP, PROCESSORS } from './processors';

/** A failure that retrying cannot fix: bad payload, unknown job, an error code outside JOB_RETRYABLE_CODES. */
export class PermanentJobError extends Error {}

/**
 * Validates the payload against the catalog and runs the job's processor. When the run fails for
 * good (a permanent error, or `lastAttempt` says no retry follows), the job's give-up step runs
 * first (ON_GIVE_UP), best effort: the runner still records the original failure.
 */
export async function runJob(
  id: string,
  payload: unknown,
  deps: JobDeps,
  options: { lastAttempt?: boolean } = {},
): Promise<unknown> {
  let definition: ReturnType<typeof getJobDefinition>;
  try {
    definition = getJobDefinition(id);
  } catch (error) {
    throw new PermanentJobError((error as Error).message);
  }
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success)
    throw new PermanentJobError(`Invalid payload for ${id}: ${parsed.error.message}`);
  const processor = PROCESSORS[id as keyof typeof PROCESSORS];
  try {
    return await processor(parsed.data as never, deps);
  } catch (error) {
    const permanent = error instanceof AppError && !JOB_RETRYABLE_CODES.has(error.code);
    // A pause (the marketplace's breaker) spends no attempt: the job runs again.
    if (permanent || (options.lastAttempt && pauseOf(error) === null))
      await giveUp(id, parsed.data, deps);
    if (permanent) throw new PermanentJobError(error.message, { cause: error });
    throw error;
  }
}

/**
 * The job's give-up step for a run that failed outside its processor: BullMQ fails a job that
 * stalled too often (its workers killed mid-run) when a worker next takes it, without running it.
 * An unknown job or a payload that does not parse has nothing to give up.
 */
export async function giveUpJob(id: string, payload: unknown, deps: JobDeps) {
  let definition: ReturnType<typeof getJobDefinition>;
  try {
    definition = getJobDefinition(id);
  } catch {
    return;
  }
  const parsed = definition.payload.safeParse(payload);
  if (parsed.success) await giveUp(id, parsed.data, deps);
}

async function giveUp(id: string, payload: unknown, deps: JobDeps) {
  const step = ON_GIVE_UP[id as keyof typeof ON_GIVE_UP];
  // The outage that failed the job may fail this too; the record then stays as it was.
  await step?.(payload as never, deps).catch(() => undefined);
}
