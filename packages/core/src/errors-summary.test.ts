import { describe, expect, it } from 'vitest';
import { summarizeError } from './errors-summary';

describe('summarizeError', () => {
  it('keeps the first line and the codes, not the query and its parameters', () => {
    const cause = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const error = new Error(
      `Failed query: insert into keyword_data ...\nparams: ${'secret,'.repeat(1000)}`,
      { cause },
    );
    const summary = summarizeError(error);
    expect(summary).toEqual({
      type: 'Error',
      message: 'Failed query: insert into keyword_data ...: deadlock detected',
      codes: ['40P01'],
    });
    expect(JSON.stringify(summary).length).toBeLessThan(300);
  });
});
