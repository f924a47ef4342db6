import { describe, expect, it } from 'vitest';
import { planWordsSearch, type WordStats } from './word-stats';

const stats: WordStats = {
  share: new Map([
    ['printable', 0.2],
    ['planner', 0.1],
    ['2027', 0.2],
    ['baby', 0.05],
    ['shower', 0.04],
  ]),
  unlisted: 0.04,
  keywords: 1_000_000,
};

describe('planWordsSearch', () => {
  it('drives with the rarest word, an unlisted word before every listed one', () => {
    expect(planWordsSearch(stats, ['printable', 'planner'], 51, 4000).driver).toBe('planner');
    expect(planWordsSearch(stats, ['printable', 'zebrafish', 'planner'], 51, 4000).driver).toBe(
      'zebrafish',
    );
  });

  it('walks when a page should fill within the budget: common companions, or a short list', () => {
    // 51 / 0.2 = 255 keywords of "planner" to read for a page.
    expect(planWordsSearch(stats, ['printable', 'planner'], 51, 4000).walk).toBe(true);
    // An unlisted word drives; with "shower" and "baby" a page needs 51 / 0.002 of its keywords,
    // and it may hold 2% of 1,000,000: both above the budget...
    expect(planWordsSearch(stats, ['zebrafish', 'shower', 'baby'], 51, 4000).walk).toBe(false);
    // ...but in a small table it holds at most 200, all read at once.
    expect(
      planWordsSearch({ ...stats, keywords: 10_000 }, ['zebrafish', 'shower', 'baby'], 51, 4000)
        .walk,
    ).toBe(true);
  });

  it('intersects at once when the words seldom meet by chance', () => {
    // 51 / (0.2 x 0.2 x 0.1 x 0.05) = 255,000 keywords of "shower" for a page.
    const plan = planWordsSearch(
      stats,
      ['printable', '2027', 'planner', 'baby', 'shower'],
      51,
      4000,
    );
    expect(plan).toEqual({ driver: 'shower', walk: false });
  });

  it('walks everything without statistics (a small, never analyzed table)', () => {
    const none: WordStats = { share: new Map(), unlisted: 1, keywords: -1 };
    expect(planWordsSearch(none, ['a', 'b', 'c', 'd'], 51, 4000).walk).toBe(true);
  });
});
