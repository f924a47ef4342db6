import { dampedHolt, type MethodForecast, naive, ses, theta } from './methods';

export type Forecast = {
  points: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
};

/** Interval settings chosen on M4 weekly training data held out by 13 weeks, never on its test. */
const WIDTH_GROWTH = 0.35;
const Z80 = 1.2816;
/** Above the normal 1.96: weekly errors have heavy tails. */
const Z95 = 2.4;
const YEAR = 52;

/**
 * Last year's same weeks, scaled by how the latest 13 weeks compare with the same 13 a year
 * before: the seasonal shape at today's level (naive below 65 weeks of history).
 */
export function seasonalAtLevel(series: number[], horizon: number): MethodForecast {
  const n = series.length;
  if (n < YEAR + 13) return naive(series, horizon);
  const mean = (from: number, to: number) =>
    series.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
  const before = mean(n - YEAR - 13, n - YEAR);
  const ratio = before > 0 ? mean(n - 13, n) / before : 1;
  return {
    points: Array.from(
      { length: horizon },
      (_, h) => (series[n - YEAR + (h % YEAR)] as number) * ratio,
    ),
    residuals: [],
  };
}

/**
 * Forecasts a weekly series: the mean of Theta, Holt's damped trend and the seasonal shape at
 * today's level (chosen on held-out M4 training weeks; BENCHMARKS.md). Intervals grow with the
 * horizon as h^0.35 times the one-step error of simple exponential smoothing.
 */
export function forecastSeries(series: number[], horizon: number): Forecast {
  if (series.length < 3) throw new RangeError('A forecast needs at least 3 observations');
  const parts = [
    theta(series, horizon),
    dampedHolt(series, horizon),
    seasonalAtLevel(series, horizon),
  ];
  const points = Array.from(
    { length: horizon },
    (_, h) => parts.reduce((sum, p) => sum + (p.points[h] as number), 0) / parts.length,
  );
  const residuals = ses(series, 1).residuals;
  const sigma = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / Math.max(1, residuals.length));
  const width = (z: number, h: number) => z * sigma * (h + 1) ** WIDTH_GROWTH;
  const floor = Math.min(...series) >= 0 ? 0 : Number.NEGATIVE_INFINITY;
  return {
    points,
    lo80: points.map((p, h) => Math.max(floor, p - width(Z80, h))),
    hi80: points.map((p, h) => p + width(Z80, h)),
    lo95: points.map((p, h) => Math.max(floor, p - width(Z95, h))),
    hi95: points.map((p, h) => p + width(Z95, h)),
  };
}
