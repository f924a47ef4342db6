import { AppError } from '../errors';
import { getJobDefinition, type JobDefinition } from './catalog';

/** Producers check payloads before queueing: a bad job is refused, never stored. */
export function validatePayload(
  id: string,
  payload: unknown,
): { definition: JobDefinition; data: unknown } {
  const definition = getJobDefinition(id);
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `Invalid payload for job ${id}`, {
      details: parsed.error.issues,
    });
  }
  return { definition, data: parsed.data };
}
