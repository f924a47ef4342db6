import { describe, expect, it } from 'vitest';
import { analyzeTrend, type WeeklyPoint } from './analyze-trend';

/** Weekly points ending with the week of 2026-11-23, from a function of the week's date. */
function series(weeks: number, value: (date: Date, t: number) => number): WeeklyPoint[] {
  const end = Date.UTC(2026, 10, 23);
  return Array.from({ length: weeks }, (_, t) => {
    const date = new Date(end - (weeks - 1 - t) * 7 * 86_400_000);
    return { periodStart: date.toISOString().slice(0, 10), value: value(date, t) };
  });
}

describe('analyzeTrend', () => {
  it('needs at least 8 weeks', () => {
    expect(analyzeTrend(series(7, () => 10))).toBeNull();
  });

  it('reads a steady rise as up, with its yearly change', () => {
    const t = analyzeTrend(series(104, (_, w) => 100 * 1.5 ** (w / 52)));
    expect(t?.direction).toBe('up');
    expect(t?.yearlyChangePct).toBeGreaterThan(40);
    expect(t?.yearlyChangePct).toBeLessThan(60);
    expect(t?.strength).toBeGreaterThan(0.95);
  });

  it('finds December peaks and calls them seasonal, not trending, once a year was seen', () => {
    const t = analyzeTrend(
      series(110, (d) => (d.getUTCMonth() === 11 ? 400 : d.getUTCMonth() === 10 ? 250 : 100)),
    );
    expect(t?.seasonality?.peakMonths[0]).toBe(12);
    expect(t?.seasonality?.peakMonths).toContain(11);
    expect(t?.seasonality?.strength).toBeGreaterThan(0.5);
    expect(t?.direction).toBe('flat');
    expect(t?.trendingNow.trending).toBe(false);
    expect(t?.explanation).toContain('peaks in Dec, Nov');
  });

  it('flags a jump in the last weeks as trending now', () => {
    const t = analyzeTrend(series(60, (_, w) => (w >= 56 ? 300 : 100)));
    expect(t?.trendingNow).toEqual({ trending: true, recentGrowthPct: expect.any(Number) });
    expect(t?.trendingNow.recentGrowthPct).toBeGreaterThan(150);
    expect(t?.explanation).toContain('trending now');
  });

  it('does not call a peak that is already falling off trending', () => {
    // Up for four weeks, then down to little above the old level in the last two.
    const t = analyzeTrend(series(60, (_, w) => (w >= 58 ? 130 : w >= 54 ? 300 : 100)));
    expect(t?.trendingNow.recentGrowthPct).toBeGreaterThan(30);
    expect(t?.trendingNow.trending).toBe(false);
    expect(t?.explanation).not.toContain('trending now');
    // Still up in the last two weeks, if a little below the two before: trending.
    const holding = analyzeTrend(series(60, (_, w) => (w >= 58 ? 270 : w >= 54 ? 300 : 100)));
    expect(holding?.trendingNow.trending).toBe(true);
  });

  it('is steady and without peaks for a flat series', () => {
    const t = analyzeTrend(series(52, () => 50));
    expect(t).toMatchObject({
      direction: 'flat',
      yearlyChangePct: 0,
      trendingNow: { trending: false },
    });
    expect(t?.seasonality?.peakMonths).toEqual([]);
  });
});
