/**
 * Classic exponential-smoothing forecasters on plain arrays: naive, seasonal naive, simple
 * exponential smoothing, Holt's damped trend and Theta (Hyndman & Billah's SES with drift). Each
 * returns `horizon` point forecasts and its one-step in-sample residuals.
 */
export type MethodForecast = { points: number[]; residuals: number[] };

export function naive(series: number[], horizon: number): MethodForecast {
  const last = series.at(-1) as number;
  return {
    points: new Array(horizon).fill(last),
    residuals: series.slice(1).map((y, i) => y - (series[i] as number)),
  };
}

export function seasonalNaive(series: number[], horizon: number, period: number): MethodForecast {
  if (series.length < period) return naive(series, horizon);
  return {
    points: Array.from(
      { length: horizon },
      (_, h) => series[series.length - period + (h % period)] as number,
    ),
    residuals: series.slice(period).map((y, i) => y - (series[i] as number)),
  };
}

function sesRun(
  series: number[],
  alpha: number,
): { level: number; sse: number; residuals: number[] } {
  let level = series[0] as number;
  let sse = 0;
  const residuals: number[] = [];
  for (let t = 1; t < series.length; t++) {
    const error = (series[t] as number) - level;
    residuals.push(error);
    sse += error * error;
    level += alpha * error;
  }
  return { level, sse, residuals };
}

/** Smoothing weight minimising the in-sample one-step squared error (grid, then refined). */
export function bestAlpha(series: number[]): number {
  let best = 0.5;
  let bestSse = Number.POSITIVE_INFINITY;
  for (let a = 0.02; a <= 1; a += 0.02) {
    const { sse } = sesRun(series, a);
    if (sse < bestSse) [best, bestSse] = [a, sse];
  }
  for (let a = Math.max(0.001, best - 0.02); a <= Math.min(1, best + 0.02); a += 0.002) {
    const { sse } = sesRun(series, a);
    if (sse < bestSse) [best, bestSse] = [a, sse];
  }
  return best;
}

export function ses(series: number[], horizon: number, alpha = bestAlpha(series)): MethodForecast {
  const { level, residuals } = sesRun(series, alpha);
  return { points: new Array(horizon).fill(level), residuals };
}

/** Theta method: SES on the series plus half the slope of its linear trend. */
export function theta(series: number[], horizon: number): MethodForecast {
  const n = series.length;
  const alpha = bestAlpha(series);
  const { level, residuals } = sesRun(series, alpha);
  const meanT = (n - 1) / 2;
  const meanY = series.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) {
    num += (t - meanT) * ((series[t] as number) - meanY);
    den += (t - meanT) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  const points = Array.from({ length: horizon }, (_, i) => {
    const h = i + 1;
    return level + (slope / 2) * (h - 1 + 1 / alpha - (1 - alpha) ** n / alpha);
  });
  return { points, residuals };
}

function dampedRun(series: number[], alpha: number, beta: number, phi: number) {
  let level = series[0] as number;
  let trend = (series[1] ?? level) - level;
  let sse = 0;
  const residuals: number[] = [];
  for (let t = 1; t < series.length; t++) {
    const forecast = level + phi * trend;
    const error = (series[t] as number) - forecast;
    residuals.push(error);
    sse += error * error;
    const nextLevel = forecast + alpha * error;
    trend = phi * trend + alpha * beta * error;
    level = nextLevel;
  }
  return { level, trend, sse, residuals };
}

/** Holt's linear trend with damping, parameters chosen on the in-sample one-step error. */
export function dampedHolt(series: number[], horizon: number): MethodForecast {
  let best = { alpha: 0.5, beta: 0.1, phi: 0.9, sse: Number.POSITIVE_INFINITY };
  for (const alpha of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    for (const beta of [0.01, 0.05, 0.1, 0.2])
      for (const phi of [0.8, 0.85, 0.9, 0.95, 0.98]) {
        const { sse } = dampedRun(series, alpha, beta, phi);
        if (sse < best.sse) best = { alpha, beta, phi, sse };
      }
  const { level, trend, residuals } = dampedRun(series, best.alpha, best.beta, best.phi);
  let damp = 0;
  const points = Array.from({ length: horizon }, (_, i) => {
    damp += best.phi ** (i + 1);
    return level + damp * trend;
  });
  return { points, residuals };
}
