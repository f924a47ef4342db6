import { describe, expect, it } from 'vitest';
import { forecastCsv, parseSeriesCsv } from './forecast-csv';
import { combinedForecast, forecastSeries, seasonalAtLevel } from './forecast-series';
import { dampedHolt, naive, seasonalNaive, ses, theta } from './methods';
import { yearlySeason } from './yearly-season';

const linear = Array.from({ length: 60 }, (_, t) => 100 + 2 * t);

describe('forecasting methods', () => {
  it('naive and seasonal naive repeat the last value and the last season', () => {
    expect(naive([1, 2, 3], 2).points).toEqual([3, 3]);
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 4, 3).points).toEqual([4, 5, 6, 4]);
  });

  it('SES of a constant series is the constant', () => {
    expect(ses(new Array(20).fill(7), 3).points).toEqual([7, 7, 7]);
  });

  it('Theta and the damped trend follow a linear trend upwards', () => {
    for (const method of [theta, dampedHolt]) {
      const { points } = method(linear, 5);
      expect(points[0]).toBeGreaterThan(linear.at(-1) as number);
      expect(points[4]).toBeGreaterThan(points[0] as number);
    }
  });

  it('the seasonal shape keeps last year at the current level', () => {
    const year = Array.from({ length: 52 }, (_, w) => (w === 50 ? 500 : 100));
    const series = [...year, ...year.map((v) => v * 2)];
    const { points } = seasonalAtLevel(series, 52);
    // The last 13 weeks are twice the same weeks a year before: last year's shape, doubled.
    expect(points[50]).toBeCloseTo(2_000);
    expect(points[0]).toBeCloseTo(400);
  });

  it('takes the shape from the 53rd week on, at the level of the weeks with a year before', () => {
    // A year with a peak in its weeks 10-12, then 4 weeks at three times their level a year before.
    const year = Array.from({ length: 52 }, (_, w) => (w >= 10 && w <= 12 ? 900 : 100));
    const series = [...year, ...year.slice(0, 4).map((v) => v * 3)];
    const { points } = seasonalAtLevel(series, 13);
    expect(points[0]).toBeCloseTo(300);
    expect(points[6]).toBeCloseTo(2_700);
    expect(points[9]).toBeCloseTo(300);
    // One year alone: no week a year before the latest, so the last value.
    expect(seasonalAtLevel(year, 3).points).toEqual([100, 100, 100]);
  });
});

describe('forecastSeries', () => {
  it('nests the 80% interval inside the 95% one, both widening with the horizon', () => {
    const wobbly = linear.map((v, t) => v + (t % 3) * 5);
    const f = forecastSeries(wobbly, 13);
    for (let h = 0; h < 13; h++) {
      expect(f.lo95[h]).toBeLessThanOrEqual(f.lo80[h] as number);
      expect(f.lo80[h]).toBeLessThanOrEqual(f.points[h] as number);
      expect(f.hi80[h]).toBeLessThanOrEqual(f.hi95[h] as number);
    }
    expect((f.hi80[12] as number) - (f.lo80[12] as number)).toBeGreaterThan(
      (f.hi80[0] as number) - (f.lo80[0] as number),
    );
  });

  it('never goes below zero for searches', () => {
    const f = forecastSeries([5, 0, 3, 0, 8, 0, 1], 13);
    expect(Math.min(...f.lo95)).toBeGreaterThanOrEqual(0);
  });
});

/** A holiday keyword's weeks: low all year, rising from September to a December peak. */
const holidayWeek = (w: number) =>
  w % 52 >= 36 && w % 52 <= 49 ? 200 + 300 * ((w % 52) - 35) : 300;
/** Deterministic noise of about 5%. */
const wobble = (t: number) => 1 + 0.05 * Math.sin(t * 12.9898);

describe('yearlySeason', () => {
  it('finds the season two years agree on, through growth and noise', () => {
    // Two and a half years ending in the peak's week 49, growing 20% a year.
    const series = Array.from(
      { length: 130 },
      (_, t) => holidayWeek(t + 24) * 1.2 ** (t / 52) * wobble(t),
    );
    const season = yearlySeason(series);
    expect(season?.agreement).toBeGreaterThan(0.9);
    const peak = season?.factor(129) as number;
    const spring = season?.factor(129 + 20) as number;
    expect(peak / spring).toBeGreaterThan(8);
  });

  it('finds none in growth alone, in years that disagree, or below two years', () => {
    const growth = Array.from({ length: 156 }, (_, t) => (100 + 3 * t) * wobble(t));
    expect(yearlySeason(growth)).toBeNull();
    // A peak in the spring one year and in the autumn the next.
    const moved = Array.from(
      { length: 104 },
      (_, t) => holidayWeek(t < 52 ? t + 26 : t) * wobble(t),
    );
    expect(yearlySeason(moved)).toBeNull();
    const holiday = Array.from({ length: 103 }, (_, t) => holidayWeek(t) * wobble(t));
    expect(yearlySeason(holiday)).toBeNull();
    expect(yearlySeason([...holiday, 300])).not.toBeNull();
    // A season that multiplies means nothing for a series below zero.
    expect(yearlySeason([...holiday, 300].map((v) => v - 1_000))).toBeNull();
  });
});

describe('forecastSeries with a yearly season', () => {
  it('falls after the peak as the years before did, intervals included', () => {
    // Two years ending two weeks before the peak (week 49): January comes 5 weeks ahead.
    const series = Array.from({ length: 104 }, (_, t) => holidayWeek(t + 48) * wobble(t));
    const peak = Math.max(...series);
    const f = forecastSeries(series, 13);
    expect(f.basis).toBe('yearly_season');
    expect(f.points[1]).toBeGreaterThan(0.6 * peak);
    expect(f.points[5]).toBeLessThan(0.15 * peak);
    expect(f.hi95[5]).toBeLessThan(0.3 * peak);
    expect(f.lo95[5]).toBeLessThanOrEqual(f.points[5] as number);
    // The combination alone stays near the peak.
    expect(combinedForecast(series, 13).points[5]).toBeGreaterThan(0.5 * peak);
  });

  it('is the combination when no yearly season is found', () => {
    const growth = Array.from({ length: 120 }, (_, t) => (100 + 3 * t) * wobble(t));
    expect(forecastSeries(growth, 13)).toEqual(combinedForecast(growth, 13));
    expect(forecastSeries(growth, 13).basis).toBe('recent_weeks');
  });
});

const csv = (rows: string[]) => ['id,date,value', ...rows].join('\n');

describe('parseSeriesCsv', () => {
  it('reads series in any order, with a byte-order mark', () => {
    const series = parseSeriesCsv(
      `\uFEFF${csv(['b,2026-01-12,3', 'a,2026-01-05,1', 'a,2026-01-12,2', 'b,2026-01-05,4', 'a,2026-01-19,3', 'b,2026-01-19,5'])}`,
    );
    expect(series).toEqual([
      { id: 'b', dates: ['2026-01-05', '2026-01-12', '2026-01-19'], values: [4, 3, 5] },
      { id: 'a', dates: ['2026-01-05', '2026-01-12', '2026-01-19'], values: [1, 2, 3] },
    ]);
  });

  it('names every bad line: dates, numbers, gaps, duplicates, steps, short series', () => {
    const text = csv([
      'a,2026-01-05,1',
      'a,2026-02-30,2',
      'a,2026-01-12,lots',
      'b,2026-01-05,1',
      'b,2026-01-26,1',
      'b,2026-01-26,1',
      'c,2026-01-05,1',
      'c,2026-01-08,1',
      'c,2026-01-11,1',
    ]);
    try {
      parseSeriesCsv(text);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect((error as { code: string }).code).toBe('VALIDATION_FAILED');
      expect(message).toContain('line 3: "2026-02-30" is not a date');
      expect(message).toContain('line 4: "lots" is not a number');
      expect(message).toContain('line 6: series "b" has a gap of 2 week(s)');
      expect(message).toMatch(/line 7: series "b" has this week twice/);
      expect(message).toContain('series "c" steps 3 days');
      expect(message).toContain('series "a" has 1 week(s)');
    }
  });

  it('refuses a file without the columns', () => {
    expect(() => parseSeriesCsv('keyword,volume\nx,1')).toThrow(/missing: id, date, value/);
    expect(() => parseSeriesCsv('id,date,value\n"a,2026')).toThrow(/Not a readable CSV/);
  });
});

describe('forecastCsv', () => {
  it('writes the horizon for every series, dated weekly after its last week', () => {
    const rows = linear.map(
      (v, t) =>
        `s1,${new Date(Date.UTC(2025, 0, 6) + t * 7 * 86_400_000).toISOString().slice(0, 10)},${v}`,
    );
    const out = forecastCsv(csv(rows), 3).trim().split('\n');
    expect(out[0]).toBe('id,date,forecast,lo80,hi80,lo95,hi95');
    expect(out).toHaveLength(4);
    expect(out[1]?.startsWith('s1,2026-03-02,')).toBe(true);
    expect(out[3]?.startsWith('s1,2026-03-16,')).toBe(true);
    expect(() => forecastCsv(csv(rows), 0)).toThrow(/1 to 104 weeks/);
  });
});
