import { REASON_PHRASES, type Trend } from '@digitallz/contracts';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Each phrase a reason is made of -> its message key (`keyword.reasons.<group>.<name>`). */
const PHRASE_KEYS = new Map<string, string>(
  Object.entries(REASON_PHRASES).flatMap(([group, phrases]) =>
    Object.entries(phrases).map(([name, phrase]) => [phrase, `reasons.${group}.${name}`]),
  ),
);

/**
 * A keyword's reason ("high demand, few strong listings, growing") in the reader's language: each
 * phrase of the closed set translated, any other left as the API wrote it.
 */
export function translateReason(reason: string, t: Translate): string {
  return reason
    .split(', ')
    .map((phrase) => {
      const key = PHRASE_KEYS.get(phrase);
      return key ? t(key) : phrase;
    })
    .join(', ');
}

/**
 * The trend in sentences of the reader's language, from its figures: the yearly change (or that
 * the history cannot tell it yet), the peak months, and whether it is trending now.
 */
export function describeTrend(
  trend: Trend,
  t: Translate,
  monthName: (month: number) => string,
  percent: (value: number) => string,
): string {
  const parts = [
    !trend.yearlyChangeKnown
      ? t('trendText.unknown')
      : trend.direction === 'flat'
        ? t('trendText.steady')
        : t(trend.direction === 'up' ? 'trendText.growing' : 'trendText.falling', {
            change: percent(Math.abs(trend.yearlyChangePct) / 100),
          }),
  ];
  const peaks = trend.seasonality?.peakMonths ?? [];
  if (peaks.length > 0)
    parts.push(t('trendText.peaks', { months: peaks.map(monthName).join(', ') }));
  if (trend.trendingNow.trending)
    parts.push(
      t('trendText.trending', { change: percent(trend.trendingNow.recentGrowthPct / 100) }),
    );
  // One sentence each ("oct." ends one already).
  return parts.map((part) => (part.endsWith('.') ? part : `${part}.`)).join(' ');
}
