import { lineFit } from '../stats/correlation';

export type WeeklyPoint = { periodStart: string; value: number };

export type TrendAnalysis = {
  direction: 'up' | 'flat' | 'down';
  /**
   * Change over a year along the trend line, in percent; 0 when a single year of a seasonal
   * keyword cannot tell it (the explanation says so).
   */
  yearlyChangePct: number;
  /** False when the history cannot yet tell growth from the season (`yearlyChangePct` is 0). */
  yearlyChangeKnown: boolean;
  /** How well a straight line explains the deseasonalised series (R squared, 0-1). */
  strength: number;
  seasonality: {
    /** Month 1-12 -> demand relative to the average month (1 = average). */
    index: number[];
    /** 0 (flat) to 1 (strongly seasonal). */
    strength: number;
    /** Months (1-12) well above average, strongest first. */
    peakMonths: number[];
    /** The month (1-12) the season's rise to its strongest peak begins (`seasonRisesFrom`). */
    risesFrom: number | null;
  } | null;
  trendingNow: { trending: boolean; recentGrowthPct: number };
  explanation: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RECENT = 4;
/**
 * From this many weeks, a series whose months differ more than chance is not read along a
 * straight line (`seasonalSlope`): half a year, from which the scores take the yearly change.
 */
const SEASONS_FROM = 26;
/** Below this share of the two weeks before, the last two weeks are falling off a peak. */
const FALLING_OFF = 0.85;

/** The month (0-11) of an ISO date (`2026-11-30`): read from the text, no Date built per point. */
const monthOf = (periodStart: string) => Number(periodStart.slice(5, 7)) - 1;
/**
 * Weeks that show a year's season: 50 or more (350 days: every month among them). The estimates
 * job reads the 51 weeks before this one (this week's point is its own estimate): with 52
 * required, no stored estimate had a season, and the keywords peaking next month were none.
 */
const aYear = (points: WeeklyPoint[]) => points.length >= 50;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** The mean of the middle half: a few values far off (a holiday on other days) move it little. */
const middleMean = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 4);
  return mean(sorted.slice(cut, sorted.length - cut));
};

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
  // From half a year on, trend and months are fitted together (`seasonalFit`), and the months are
  // shown as a season from a year on; before, a line alone.
  const fit = sorted.length >= SEASONS_FROM ? seasonalFit(sorted) : null;
  const seasonality = aYear(sorted) ? (fit?.seasonality ?? null) : null;
  // The index that judges the recent weeks is learnt without them.
  const judging = aYear(history) ? seasonalFit(history).seasonality : null;
  const adjusted = (p: WeeklyPoint, index: number[] | null) =>
    Math.log(1 + p.value) - Math.log(index?.[monthOf(p.periodStart)] ?? 1);
  const { slope, r2 } = fit ?? lineFit(sorted.map((p) => adjusted(p, null)));
  const yearlyChangePct = Math.round((Math.exp((slope ?? 0) * 52) - 1) * 1000) / 10;
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
    slope === null
      ? `${aYear(sorted) ? 'One year' : 'Less than a year'} of history cannot yet tell growth from the season`
      : direction === 'flat'
        ? 'Demand is steady over the year'
        : `Demand is ${direction === 'up' ? 'growing' : 'falling'} about ${Math.abs(yearlyChangePct)}% a year`,
  ];
  if (seasonality && seasonality.peakMonths.length > 0)
    parts.push(`peaks in ${seasonality.peakMonths.map((m) => MONTHS[m - 1]).join(', ')}`);
  if (seasonality?.risesFrom)
    parts.push(`searches climb from ${MONTHS[seasonality.risesFrom - 1]}: list before then`);
  if (trending)
    parts.push(`trending now: +${recentGrowthPct}% in the last 4 weeks beyond the usual season`);
  return {
    direction,
    yearlyChangePct,
    yearlyChangeKnown: slope !== null,
    strength: Math.round(r2 * 1000) / 1000,
    seasonality,
    trendingNow: { trending, recentGrowthPct },
    explanation: `${parts.join('; ')}.`,
  };
}

/** Same weeks a year apart needed to read the yearly change from them: a quarter. */
const YEAR_PAIRS = 13;
/** The F statistic above which the months' levels are a season, not noise (5% at 11 and 40). */
const SEASONS_F = 2;
const DAY = 86_400_000;

/**
 * The weekly slope of log demand of a series of a year or more, or null when it cannot be told
 * from the season. A straight line through a seasonal year reads the season as growth: through
 * one year of a November holiday, which rises all year to its peak at the end, a tenfold yearly
 * growth. So:
 * - Months that do not differ more than chance allows (an F test of the months' levels, with a
 *   slope, against the straight line): the straight line, which uses every week.
 * - With at least a quarter of the same weeks a year apart (65 weeks and more): the change from
 *   each week to the same week a year later, which no season moves, averaged over the middle half
 *   of those changes (a holiday moves by some days from one year to the next).
 * - Before that, null: one year of a season cannot tell a trend from the season. (A slope within
 *   months was tried: the season's own rise through September to November, and the end of the
 *   year seen at its two ends, read as +567% a year for a holiday keyword of the demo.)
 */
function seasonalSlope(
  points: WeeklyPoint[],
  logs: number[],
  months: number[],
): { slope: number | null; line?: { r2: number } } {
  const line = lineFit(logs);
  const average = mean(logs);
  const lineResiduals = (1 - line.r2) * logs.reduce((a, y) => a + (y - average) ** 2, 0);
  const within = withinMonths(logs, months);
  const monthTerms = within.months - 1;
  const seasonal =
    within.freedom > 0 &&
    monthTerms > 0 &&
    (lineResiduals - within.residuals) / monthTerms >
      SEASONS_F * (within.residuals / within.freedom);
  if (!seasonal) return { slope: line.slope, line };
  if (points.length < 52 + YEAR_PAIRS) return { slope: null };
  const byDate = new Map(points.map((p, t) => [p.periodStart, logs[t] as number]));
  const changes: number[] = [];
  points.forEach((p, t) => {
    const later = new Date(Date.parse(`${p.periodStart}T00:00:00Z`) + 364 * DAY);
    const next = byDate.get(later.toISOString().slice(0, 10));
    if (next !== undefined) changes.push(next - (logs[t] as number));
  });
  return { slope: changes.length >= YEAR_PAIRS ? middleMean(changes) / 52 : null };
}

/**
 * What least squares of log demand = a month's level + slope x week leave: the residuals, their
 * degrees of freedom and the months seen.
 */
function withinMonths(logs: number[], months: number[]) {
  const sums = Array.from({ length: 12 }, () => ({ n: 0, t: 0, y: 0 }));
  logs.forEach((y, t) => {
    const m = sums[months[t] as number] as { n: number; t: number; y: number };
    m.n += 1;
    m.t += t;
    m.y += y;
  });
  const centre = (t: number) => {
    const m = sums[months[t] as number] as { n: number; t: number; y: number };
    return { t: m.t / m.n, y: m.y / m.n };
  };
  let sty = 0;
  let stt = 0;
  logs.forEach((y, t) => {
    const c = centre(t);
    sty += (t - c.t) * (y - c.y);
    stt += (t - c.t) ** 2;
  });
  const slope = stt === 0 ? 0 : sty / stt;
  let residuals = 0;
  logs.forEach((y, t) => {
    const c = centre(t);
    residuals += (y - c.y - slope * (t - c.t)) ** 2;
  });
  const seen = sums.filter((m) => m.n > 0).length;
  return { residuals, freedom: logs.length - seen - 1, months: seen };
}

/**
 * Trend and months of a series of half a year or more: the slope (`seasonalSlope`), then each
 * month's level around it relative to the average month (the index), and `r2`, how well the
 * slope explains the deseasonalised series (the series itself when it has no season).
 */
function seasonalFit(points: WeeklyPoint[]): {
  /** Null: one year cannot tell the trend from the season (then measured as if there were none). */
  slope: number | null;
  r2: number;
  seasonality: NonNullable<TrendAnalysis['seasonality']>;
} {
  const logs = points.map((p) => Math.log(1 + p.value));
  const months = points.map((p) => monthOf(p.periodStart));
  const found = seasonalSlope(points, logs, months);
  const slope = found.slope ?? 0;
  const byMonth: number[][] = Array.from({ length: 12 }, () => []);
  logs.forEach((y, t) => {
    (byMonth[months[t] as number] as number[]).push(y - slope * t);
  });
  const levels = byMonth.map((r) => (r.length === 0 ? null : mean(r)));
  const centre = mean(levels.filter((l): l is number => l !== null));
  const index = levels.map((l) =>
    l === null ? 1 : Math.round(Math.exp(l - centre) * 1000) / 1000,
  );
  const spread = Math.sqrt(mean(index.map((i) => (i - 1) ** 2)));
  const peakMonths = index
    .map((value, month) => ({ value, month: month + 1 }))
    .filter((m) => m.value >= 1.2)
    .sort((a, b) => b.value - a.value)
    .slice(0, 3)
    .map((m) => m.month);
  // The deseasonalised series around its mean, and what the slope leaves of it.
  const ys = logs.map((y, t) => y - ((levels[months[t] as number] as number) - centre));
  const my = mean(ys);
  const mt = (ys.length - 1) / 2;
  let total = 0;
  let left = 0;
  ys.forEach((y, t) => {
    total += (y - my) ** 2;
    left += (y - my - slope * (t - mt)) ** 2;
  });
  return {
    slope: found.slope,
    r2: found.line?.r2 ?? (total === 0 ? 0 : Math.max(0, 1 - left / total)),
    seasonality: {
      index,
      strength: Math.round(Math.min(1, spread * 2) * 1000) / 1000,
      peakMonths,
      risesFrom: seasonRisesFrom(index, peakMonths[0]),
    },
  };
}

/** From this much above the average month, a month is part of a season's rise. */
const RISING = 1.1;

/**
 * The month (1-12) a season's rise begins: walking back from its strongest month, the first of
 * the run of months at least 10% above the average month before it (December before January).
 * What a seller lists ahead of. Null without a peak, or when every month is in the run.
 */
export function seasonRisesFrom(index: number[], peak: number | undefined): number | null {
  if (peak === undefined || index.length !== 12) return null;
  let month = peak;
  for (let steps = 0; steps < 11; steps++) {
    const before = ((month + 10) % 12) + 1;
    if ((index[before - 1] as number) < RISING) return month;
    month = before;
  }
  return null;
}
