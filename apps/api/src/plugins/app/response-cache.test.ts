import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerShape } from './response-cache';

describe('answerShape', () => {
  it('changes with the documented answer, and only with it', () => {
    const before = z.object({ keyword: z.string(), score: z.number() });
    const after = z.object({ keyword: z.string(), closeness: z.number(), score: z.number() });
    expect(answerShape(before)).toBe(
      answerShape(z.object({ keyword: z.string(), score: z.number() })),
    );
    expect(answerShape(after)).not.toBe(answerShape(before));
    expect(answerShape(undefined)).toMatch(/^[0-9a-f]{12}$/);
  });
});
