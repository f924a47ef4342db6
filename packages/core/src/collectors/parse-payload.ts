import type { Platform } from '@digitallz/contracts';
import type { z } from 'zod';
import { AppError } from '../errors';

/** Validates a marketplace payload; an invalid one is a MARKETPLACE_BAD_PAYLOAD (to quarantine). */
export function parsePayload<S extends z.ZodType>(
  platform: Platform,
  what: string,
  schema: S,
  body: unknown,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new AppError('MARKETPLACE_BAD_PAYLOAD', `${platform} ${what} payload is invalid`, {
    details: { platform, issues: result.error.issues.slice(0, 10) },
  });
}
