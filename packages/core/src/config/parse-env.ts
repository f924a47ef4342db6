import type { z } from 'zod';

/** A configuration the process cannot start with; its message names every bad variable. */
export class ConfigError extends Error {}

/**
 * Parses an environment with an app's schema, once, at start-up. Empty variables count as unset.
 * Packages never call this with process.env themselves: each app's env.ts does.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): z.infer<S> {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}
