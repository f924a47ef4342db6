import { lineFit, pearson } from '../stats/correlation';

const YEAR = 52;
/** Each week's shape is averaged with its neighbours (3 weeks in all). */
const SMOOTH = 1;
/**
 * The two years' shapes must correlate at least this much. Chosen on M4 weekly training series
 * at rolling origins, their test weeks unseen (BENCHMARKS.md, bench:forecast).
 */
const MIN_AGREEMENT = 0.6;

export type YearlySeason = {
  /** How well the last two years' shapes agree (correlation, -1 to 1). */
  agreement: number;
  /** The multiplicative seasonal factor of week `t` (an index into the series, or past its end). */
  factor(t: number): number;
};

/**
 * The yearly season of a weekly series, when its last two years agree on one. Each year's shape
 * is its weeks' logs less a straight line fitted over both years (so that growth does not pass
 * for a season, as it does within one year), smoothed over 3 weeks; the season is the mean of
 * the two shapes when they correlate by at least 0.6. Null below 104 weeks, when they do not, or
 * for a series with values below zero (a season that multiplies has no meaning there).
 */
export function yearlySeason(series: number[]): YearlySeason | null {
  const n = series.length;
  if (n < 2 * YEAR || series.some((y) => y < 0)) return null;
  const start = n - 2 * YEAR;
  const logs = series.slice(start).map((y) => Math.log1p(y));
  const detrended = subtractLine(logs);
  const first = smooth(detrended.slice(0, YEAR));
  const second = smooth(detrended.slice(YEAR));
  const agreement = pearson(first, second);
  if (!(agreement >= MIN_AGREEMENT)) return null;
  const shape = first.map((v, w) => (v + (second[w] as number)) / 2);
  const mean = shape.reduce((a, b) => a + b, 0) / YEAR;
  const factors = shape.map((v) => Math.exp(v - mean));
  return {
    agreement,
    factor: (t) => factors[(((t - start) % YEAR) + YEAR) % YEAR] as number,
  };
}

function subtractLine(values: number[]): number[] {
  const { slope } = lineFit(values);
  const meanT = (values.length - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((y, t) => y - meanY - slope * (t - meanT));
}

function smooth(values: number[]): number[] {
  return values.map((_, i) => {
    const window = values.slice(Math.max(0, i - SMOOTH), i + SMOOTH + 1);
    return window.reduce((a, b) => a + b, 0) / window.length;
  });
}
