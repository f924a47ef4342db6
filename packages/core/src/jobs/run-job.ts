import { AppError, JOB_RETRYABLE_CODES } from '../errors';
import { getJobDefinition } from './catalog';
import { type JobDeps, PROCESSORS } from './processors';

/** A failure that retrying cannot fix: bad payload, unknown job, an error code outside JOB_RETRYABLE_CODES. */
export class PermanentJobError extends Error {}

/** Validates the payload against the catalog and runs the job's processor. */
export async function runJob(id: string, payload: unknown, deps: JobDeps): Promise<unknown> {
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
    if (error instanceof AppError && !JOB_RETRYABLE_CODES.has(error.code)) {
      throw new PermanentJobError(error.message, { cause: error });
    }
    throw error;
  }
}
