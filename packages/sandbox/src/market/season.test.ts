import { describe, expect, it } from 'vitest';
import { seasonalFactor } from './season';
import vocabulary from './vocabulary.json' with { type: 'json' };

const thanksgiving = vocabulary.seasons.thanksgiving;

describe('seasonalFactor', () => {
  it("is the month's own factor in its middle week, and the same year round for a flat season", () => {
    // The week of 2026-11-09 has its middle on the 12th, near November's middle.
    expect(seasonalFactor(thanksgiving, '2026-11-09')).toBeCloseTo(4.2, 0);
    for (const week of ['2026-01-05', '2026-06-29', '2026-12-28'])
      expect(seasonalFactor(vocabulary.seasons.flat, week)).toBe(1);
  });

  it('rises to a holiday and falls after it week by week, across the turn of the year too', () => {
    const weeks = [
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ];
    const factors = weeks.map((week) => seasonalFactor(thanksgiving, week));
    const peak = factors.indexOf(Math.max(...factors));
    expect(weeks[peak]).toBe('2026-11-09');
    for (let i = 1; i < factors.length; i++)
      if (i <= peak) expect(factors[i]).toBeGreaterThan(factors[i - 1] as number);
      else expect(factors[i]).toBeLessThan(factors[i - 1] as number);
    // The week after Thanksgiving is well below the peak (a step curve held it there).
    expect(factors[5]).toBeLessThan(0.6 * (factors[peak] as number));
    // Between December's and January's middles: between their factors.
    const christmas = vocabulary.seasons.christmas;
    const newYearWeek = seasonalFactor(christmas, '2026-12-28');
    expect(newYearWeek).toBeLessThan(christmas[11] as number);
    expect(newYearWeek).toBeGreaterThan(christmas[0] as number);
  });
});
