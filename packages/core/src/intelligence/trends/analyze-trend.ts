export type WeeklyPoint = { periodStart: string; value: number };

export type TrendAnalysis = {
  direction: 'up' | 'flat' | 'down';
  /** Change over a year along the trend line, in percent. */
  yearlyChangePct: number;
  /** How well a straight line explains the deseasonalised series (R squared, 0-1). */
  strength: number;
  seasonality: {
    /** Month 1-12 -> demand relative to the average month (1 = average). */
    index: number[];
    /** 0 (flat) to 1 (strongly seasonal). */
    strength: number;
    /** Months (1-12) well above average, strongest first. */
    peakMonths: number[];
  } | null;
  trendingNow: { trending: boolean; recentGrowthPct: number };
  explanation: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RECENT = 4;
/** Below this share of the two weeks before, the last two weeks are falling off a peak. */
const FALLING_OFF = 0.85;

/** The month (0-11) of an ISO date (`2026-11-30`): read from the text, no Date built per point. */
const monthOf = (periodStart: string) => Number(periodStart.slice(5, 7)) - 1;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * Direction and strength of a weekly series, its seasonality (from a year or more) and whether
 * it is trending now: the last 4 weeks above the 12 before by more than 30%, after removing the
 * seasonal pattern learnt from the weeks before them (a December peak seen last year is not news),
 * and not already falling off (the last 2 weeks at least 85% of the 2 before them).
 */
export function analyzeTrend(points: WeeklyPoint[]): TrendAnalysis | null {
  if (points.length < 8) return null;
  const sorted = [...points].sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1));
  const history = sorted.slice(0, -RECENT);
  const seasonality = sorted.length >= 52 ? seasonalIndex(sorted) : null;
  // The index that judges the recent weeks is learnt without them.
  const judging = history.length >= 52 ? seasonalIndex(history) : null;
  const adjusted = (p: WeeklyPoint, index: number[] | null) =>
    Math.log(1 + p.value) - Math.log(index?.[monthOf(p.periodStart)] ?? 1);
  const ys = sorted.map((p) => adjusted(p, seasonality?.index ?? null));
  const { slope, r2 } = lineFit(ys);
  const yearlyChangePct = Math.round((Math.exp(slope * 52) - 1) * 1000) / 10;
  const direction = yearlyChangePct > 10 ? 'up' : yearlyChangePct < -10 ? 'down' : 'flat';

  const recent = mean(sorted.slice(-RECENT).map((p) => adjusted(p, judging?.index ?? null)));
  const before = mean(
    sorted.slice(-RECENT - 12, -RECENT).map((p) => adjusted(p, judging?.index ?? null)),
  );
  const recentGrowthPct = Math.round((Math.exp(recent - before) - 1) * 1000) / 10;
  // Still rising, not a peak already passing: the last two weeks hold at least FALLING_OFF of
  // the two before them (a holiday's keyword the week after the holiday is not trending).
  const lastTwo = mean(sorted.slice(-2).map((p) => adjusted(p, judging?.index ?? null)));
  const twoBefore = mean(sorted.slice(-4, -2).map((p) => adjusted(p, judging?.index ?? null)));
  const trending = recentGrowthPct >= 30 && lastTwo - twoBefore >= Math.log(FALLING_OFF);

  const parts = [
    direction === 'flat'
      ? 'Demand is steady over the year'
      : `Demand is ${direction === 'up' ? 'growing' : 'falling'} about ${Math.abs(yearlyChangePct)}% a year`,
  ];
  if (seasonality && seasonality.peakMonths.length > 0)
    parts.push(`peaks in ${seasonality.peakMonths.map((m) => MONTHS[m - 1]).join(', ')}`);
  if (trending)
    parts.push(`trending now: +${recentGrowthPct}% in the last 4 weeks beyond the usual season`);
  return {
    direction,
    yearlyChangePct,
    strength: Math.round(r2 * 1000) / 1000,
    seasonality,
    trendingNow: { trending, recentGrowthPct },
    explanation: `${parts.join('; ')}.`,
  };
}

/**
 * Month -> demand relative to an average month, measured around the trend line (so a rising
 * series does not pass for a seasonal one): the mean log residual of each month, exponentiated.
 */
function seasonalIndex(points: WeeklyPoint[]): NonNullable<TrendAnalysis['seasonality']> {
  const logs = points.map((p) => Math.log(1 + p.value));
  const { slope, intercept } = lineFit(logs);
  const byMonth: number[][] = Array.from({ length: 12 }, () => []);
  points.forEach((p, t) => {
    (byMonth[monthOf(p.periodStart)] as number[]).push(
      (logs[t] as number) - (intercept + slope * t),
    );
  });
  const seen = byMonth.filter((r) => r.length > 0).map(mean);
  const centre = mean(seen);
  const index = byMonth.map((r) =>
    r.length === 0 ? 1 : Math.round(Math.exp(mean(r) - centre) * 1000) / 1000,
  );
  const spread = Math.sqrt(mean(index.map((i) => (i - 1) ** 2)));
  const peakMonths = index
    .map((value, month) => ({ value, month: month + 1 }))
    .filter((m) => m.value >= 1.2)
    .sort((a, b) => b.value - a.value)
    .slice(0, 3)
    .map((m) => m.month);
  return { index, strength: Math.round(Math.min(1, spread * 2) * 1000) / 1000, peakMonths };
}

function lineFit(ys: number[]): { slope: number; intercept: number; r2: number } {
  const n = ys.length;
  const mt = (n - 1) / 2;
  const my = mean(ys);
  let sty = 0;
  let stt = 0;
  let syy = 0;
  ys.forEach((y, t) => {
    sty += (t - mt) * (y - my);
    stt += (t - mt) ** 2;
    syy += (y - my) ** 2;
  });
  const slope = stt === 0 ? 0 : sty / stt;
  return { slope, intercept: my - slope * mt, r2: syy === 0 ? 0 : (sty * sty) / (stt * syy) };
}
