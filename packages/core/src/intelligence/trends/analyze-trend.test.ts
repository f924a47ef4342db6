import { describe, expect, it } from 'vitest';
import { analyzeTrend, seasonRisesFrom, type WeeklyPoint } from './analyze-trend';

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
    // November already climbs: list before it.
    expect(t?.seasonality?.risesFrom).toBe(11);
    expect(t?.explanation).toContain('searches climb from Nov: list before then');
  });

  it('finds where a season starts to climb, across the turn of the year', () => {
    const index = [1.6, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.9, 1.2, 1.5];
    expect(seasonRisesFrom(index, 1)).toBe(11);
    // A sharp peak (Valentine's Day): the peak month itself.
    const valentine = [0.8, 3, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.9];
    expect(seasonRisesFrom(valentine, 2)).toBe(2);
    expect(seasonRisesFrom(new Array(12).fill(1.3), 5)).toBeNull();
    expect(seasonRisesFrom(index, undefined)).toBeNull();
  });

  // A November holiday: low all year, a peak in November, gone in December (the sandbox's
  // Thanksgiving curve, one factor per month).
  const HOLIDAY = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.8, 2.4, 4.2, 0.5];
  const holiday = (growth: number) => (d: Date, w: number) =>
    100 * (HOLIDAY[d.getUTCMonth()] as number) * growth ** (w / 52);

  it('does not read one year of a season as growth', () => {
    // A line through this year rose to the November peak at its end: +1,158% a year.
    const t = analyzeTrend(series(52, holiday(1)));
    expect(t?.direction).toBe('flat');
    expect(t?.yearlyChangeKnown).toBe(false);
    expect(Math.abs(t?.yearlyChangePct ?? 100)).toBeLessThan(10);
    expect(t?.seasonality?.peakMonths[0]).toBe(11);
    expect(t?.explanation).toMatch(
      /^One year of history cannot yet tell growth from the season; peaks in Nov/,
    );
  });

  it('does not read growth into the year of a holiday keyword of the demo', () => {
    // "thanksgiving template" on Etsy, as the demo showed it on 2026-12-07: "growing 1,382% a
    // year" with a line through the year, +567% with a slope within months.
    const volumes = [
      117, 137, 102, 69, 54, 65, 60, 57, 55, 61, 72, 55, 57, 68, 52, 53, 69, 64, 54, 61, 57, 65, 55,
      52, 60, 61, 55, 60, 78, 89, 90, 94, 106, 105, 92, 110, 183, 169, 177, 202, 487, 515, 548, 626,
      871, 1119, 992, 1250, 1125, 865, 636, 714,
    ];
    const t = analyzeTrend(
      volumes.map((value, w) => ({
        periodStart: new Date(Date.UTC(2025, 11, 15 + 7 * w)).toISOString().slice(0, 10),
        value,
      })),
    );
    expect(t).toMatchObject({ direction: 'flat', yearlyChangePct: 0 });
    expect(t?.seasonality?.peakMonths.slice(0, 2)).toEqual([11, 10]);
    // The estimates job reads the weeks before this one: 51 of them, read along a line before
    // (the page's first line said "growing"), and shown without their season (52 weeks were
    // required, so no stored estimate ever peaked next month).
    const before = analyzeTrend(
      volumes.slice(0, -1).map((value, w) => ({
        periodStart: new Date(Date.UTC(2025, 11, 15 + 7 * w)).toISOString().slice(0, 10),
        value,
      })),
    );
    expect(before).toMatchObject({ direction: 'flat', yearlyChangePct: 0 });
    expect(before?.seasonality?.peakMonths.slice(0, 2)).toEqual([11, 10]);
    expect(before?.explanation).toMatch(/^One year of history cannot yet tell growth/);
  });

  it('shows no season before a year was seen', () => {
    // 40 weeks, February to November: a rise from a season or from growth, and no season to show.
    const t = analyzeTrend(series(40, holiday(1)));
    expect(t).toMatchObject({ direction: 'flat', yearlyChangePct: 0, seasonality: null });
    expect(t?.explanation).toMatch(/^Less than a year of history cannot yet tell growth/);
  });

  it('reads a steady rise over half a year as growth, and the rise of a season as not known', () => {
    const noise = [1.05, 0.96, 1.02, 0.97, 1.04, 0.98];
    const rise = analyzeTrend(series(30, (_, w) => 100 * 2 ** (w / 52) * (noise[w % 6] as number)));
    expect(rise?.yearlyChangePct).toBeGreaterThan(70);
    expect(rise?.yearlyChangePct).toBeLessThan(130);
    // May to November of the holiday: a line through it read +47,187% a year.
    const season = analyzeTrend(series(30, holiday(1)));
    expect(season).toMatchObject({ direction: 'flat', yearlyChangePct: 0 });
  });

  it('reads the yearly change of a season from the same weeks a year apart', () => {
    for (const [weeks, growth] of [
      [70, 1.3],
      [104, 0.7],
    ] as const) {
      const t = analyzeTrend(series(weeks, holiday(growth)));
      expect(Math.abs((t?.yearlyChangePct ?? 0) - (growth - 1) * 100)).toBeLessThan(2);
      expect(t?.direction).toBe(growth > 1 ? 'up' : 'down');
      expect(t?.yearlyChangeKnown).toBe(true);
      expect(t?.seasonality?.peakMonths[0]).toBe(11);
    }
  });

  it('still reads a steady rise over one year without seasons, noise and all', () => {
    const noise = [1.05, 0.96, 1.02, 0.97, 1.04, 0.98];
    const t = analyzeTrend(series(52, (_, w) => 100 * 1.4 ** (w / 52) * (noise[w % 6] as number)));
    expect(t?.yearlyChangePct).toBeGreaterThan(30);
    expect(t?.yearlyChangePct).toBeLessThan(50);
    expect(t?.seasonality?.peakMonths).toEqual([]);
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
