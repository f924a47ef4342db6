import { z } from 'zod';

const csvTerms = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );

/** The filters every keyword list accepts. */
export const KeywordFiltersSchema = z.object({
  minVolume: z.coerce.number().int().min(0).optional(),
  maxVolume: z.coerce.number().int().min(0).optional(),
  maxCompetition: z.coerce.number().min(0).max(1).optional(),
  maxDifficulty: z.coerce.number().int().min(0).max(100).optional(),
  minOpportunity: z.coerce.number().int().min(0).max(100).optional(),
  /**
   * The yearly change's bounds, in percent (`yearlyChangePct`): 0 keeps the keywords not falling.
   * A keyword whose change is not known yet passes neither.
   */
  minYearlyChange: z.coerce.number().min(-100).max(100_000).optional(),
  maxYearlyChange: z.coerce.number().min(-100).max(100_000).optional(),
  minWords: z.coerce.number().int().min(1).max(20).optional(),
  maxWords: z.coerce.number().int().min(1).max(20).optional(),
  /** Comma-separated terms every keyword must contain. */
  includes: csvTerms.optional(),
  /** Comma-separated terms no keyword may contain. */
  excludes: csvTerms.optional(),
});
export type KeywordFilters = z.infer<typeof KeywordFiltersSchema>;

/** The orders of every keyword list: each a value sorted descending, then the id. */
export const POPULAR_SORTS = ['volume', 'opportunity', 'trending', 'difficulty'] as const;
