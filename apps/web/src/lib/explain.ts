import {
  type KeywordDetail,
  PLATFORM_LABELS,
  REASON_PHRASES,
  type Trend,
} from '@digitallz/contracts';

/** A next-intl `t` of one namespace, as these helpers call it. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

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
  const risesFrom = trend.seasonality?.risesFrom;
  if (risesFrom) parts.push(t('trendText.risesFrom', { month: monthName(risesFrom) }));
  if (trend.trendingNow.trending)
    parts.push(
      t('trendText.trending', { change: percent(trend.trendingNow.recentGrowthPct / 100) }),
    );
  // One sentence each ("oct." ends one already).
  return parts.map((part) => (part.endsWith('.') ? part : `${part}.`)).join(' ');
}

/** A sentence's first letter in capitals ("low competition" -> "Low competition"). */
const sentence = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

type Explained = { volume?: string; competition?: string; cpc?: string };

/**
 * How a keyword's volume, competition and CPC were estimated, in the reader's language, from the
 * figures the API gives beside its English `explanation`s. Demo data and estimates still pending
 * say so; an estimate stored before its figures were recorded keeps the API's English sentence.
 */
export function explainEstimates(
  k: KeywordDetail,
  t: Translate,
  number: (value: number) => string,
): Explained {
  const notYet =
    k.volume?.evidence === 'demo' || (k.estimatedAt === null && k.isDemo)
      ? t('explain.demo')
      : k.estimatedAt === null
        ? t('explain.pending')
        : null;
  return {
    volume: k.volume ? (notYet ?? describeVolume(k.volume, t, number)) : undefined,
    competition: k.competition ? (notYet ?? describeCompetition(k.competition, t)) : undefined,
    cpc: k.cpc ? (notYet ?? describeCpc(k.cpc, k.platform, t)) : undefined,
  };
}

function describeVolume(
  volume: NonNullable<KeywordDetail['volume']>,
  t: Translate,
  number: (value: number) => string,
): string {
  const basis = volume.basis;
  if (!basis) return volume.explanation;
  const parts: string[] = [];
  if (basis.autocomplete) parts.push(t('explain.suggested', basis.autocomplete));
  if (basis.listingCount !== null) {
    parts.push(t('explain.listings', { count: basis.listingCount }));
    if (basis.favouritesMedian !== null)
      parts.push(t('explain.favourites', { count: number(basis.favouritesMedian) }));
    if (basis.salesRankMedian !== null)
      parts.push(t('explain.salesRank', { rank: number(basis.salesRankMedian) }));
  }
  return t('explain.volume', {
    from: parts.length > 0 ? parts.join(t('explain.separator')) : t('explain.wordCountOnly'),
    low: number(volume.low),
    high: number(volume.high),
  });
}

function describeCompetition(
  competition: NonNullable<KeywordDetail['competition']>,
  t: Translate,
): string {
  if (!competition.topListings) return competition.explanation;
  const values = {
    level: t(`levels.${competition.level}`),
    strength: t(`explain.topListings.${competition.topListings}`),
  };
  return sentence(
    competition.listingCount === null
      ? t('explain.competitionUncounted', values)
      : t('explain.competition', { ...values, count: competition.listingCount }),
  );
}

function describeCpc(
  cpc: NonNullable<KeywordDetail['cpc']>,
  platform: KeywordDetail['platform'],
  t: Translate,
): string {
  const values = { platform: PLATFORM_LABELS[platform] };
  return cpc.source === 'ads-api' ? t('explain.cpcAds', values) : t('explain.cpcModel', values);
}
