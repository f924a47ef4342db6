/** The alert kinds; thresholds: percent, (unused), days ahead, points of 100, opportunity score. */
export const ALERT_KINDS = [
  'volume_change',
  'trending',
  'seasonal_peak',
  'competition_jump',
  'new_related',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type Metrics = {
  searchVolume: number | null;
  competition: number | null;
  trending: boolean;
};

/** What the rules compare against: the metrics when each was last reported (or first seen). */
export type Baseline = Metrics & { volumeAt: string; competitionAt: string };

export type Seasonality = { peakMonths: number[]; index: number[] } | null;

export type RuleInput = {
  keyword: string;
  where: string;
  baseline: Baseline;
  current: Metrics;
  seasonality: Seasonality;
  now: Date;
};

export type Alert = { title: string; body: string; data: Record<string, unknown>; dedupe: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const fmt = (n: number) => n.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 10);

/**
 * Whether one rule fires for one tracked keyword, and the alert that explains itself (what moved,
 * from what to what, since when, and the rule's threshold). Pure: the caller stores and sends.
 */
export function checkAlertRule(
  rule: { kind: Exclude<AlertKind, 'new_related'>; threshold: number },
  input: RuleInput,
): Alert | null {
  const { baseline: base, current: cur, keyword, where } = input;
  const today = input.now.toISOString().slice(0, 10);
  if (rule.kind === 'volume_change') {
    if (!base.searchVolume || cur.searchVolume === null) return null;
    const pct = ((cur.searchVolume - base.searchVolume) / base.searchVolume) * 100;
    if (Math.abs(pct) < rule.threshold) return null;
    const verb = pct > 0 ? 'rose' : 'fell';
    return {
      title: `"${keyword}" search volume ${verb} ${Math.abs(Math.round(pct))}%`,
      body: `Estimated monthly searches for "${keyword}" on ${where} ${verb} from ${fmt(base.searchVolume)} to ${fmt(cur.searchVolume)} since ${day(base.volumeAt)}. Your rule: changes of ${rule.threshold}% or more.`,
      data: { from: base.searchVolume, to: cur.searchVolume, changePct: Math.round(pct * 10) / 10 },
      dedupe: `volume_change:${today}`,
    };
  }
  if (rule.kind === 'competition_jump') {
    if (base.competition === null || cur.competition === null) return null;
    const points = (cur.competition - base.competition) * 100;
    if (points < rule.threshold) return null;
    return {
      title: `"${keyword}" got more competitive (+${Math.round(points)} points)`,
      body: `Competition for "${keyword}" on ${where} went from ${Math.round(base.competition * 100)} to ${Math.round(cur.competition * 100)} out of 100 since ${day(base.competitionAt)}: more or stronger listings. Your rule: a rise of ${rule.threshold} points or more.`,
      data: { from: base.competition, to: cur.competition },
      dedupe: `competition_jump:${today}`,
    };
  }
  if (rule.kind === 'trending') {
    if (base.trending === cur.trending) return null;
    return {
      title: cur.trending ? `"${keyword}" is trending` : `"${keyword}" is no longer trending`,
      body: cur.trending
        ? `Searches for "${keyword}" on ${where} over the last 4 weeks are more than 30% above the 12 weeks before, after allowing for the usual season.`
        : `Searches for "${keyword}" on ${where} are back to their usual level for the season.`,
      data: { trending: cur.trending },
      dedupe: `trending:${cur.trending}:${today}`,
    };
  }
  return seasonalPeak(rule.threshold, input);
}

function seasonalPeak(daysAhead: number, input: RuleInput): Alert | null {
  const peak = input.seasonality?.peakMonths[0];
  if (!peak || !input.seasonality) return null;
  const now = input.now;
  let start = new Date(Date.UTC(now.getUTCFullYear(), peak - 1, 1));
  if (start.getTime() < now.getTime())
    start = new Date(Date.UTC(now.getUTCFullYear() + 1, peak - 1, 1));
  const days = Math.ceil((start.getTime() - now.getTime()) / 86_400_000);
  if (days > daysAhead) return null;
  const lift = input.seasonality.index[peak - 1] ?? 1;
  const month = MONTHS[peak - 1];
  return {
    title: `"${input.keyword}" peaks in ${month}: ${days} days to go`,
    body: `Demand for "${input.keyword}" on ${input.where} usually peaks in ${month}, at about ${lift.toFixed(1)}x an average month (from its weekly history). The peak starts in ${days} days: time to list and refresh. Your rule: ${daysAhead} days ahead.`,
    data: { peakMonth: peak, daysToPeak: days, lift },
    dedupe: `seasonal_peak:${start.toISOString().slice(0, 7)}`,
  };
}
