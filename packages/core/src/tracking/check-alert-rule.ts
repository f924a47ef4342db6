import { type AlertFacts, type AlertText, describeAlert } from './describe-alert';

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
  platform: string;
  marketplace: string;
  baseline: Baseline;
  current: Metrics;
  seasonality: Seasonality;
  now: Date;
};

/** Its text (in English, as stored), the facts that text says (`describeAlert`) and its dedupe key. */
export type Alert = AlertText & { data: AlertFacts; dedupe: string };

/** The keyword an alert is about, as its facts name it. */
const whereOf = (input: RuleInput) => ({
  keyword: input.keyword,
  platform: input.platform,
  marketplace: input.marketplace,
});

const alert = (facts: AlertFacts, dedupe: string): Alert => ({
  ...describeAlert(facts, 'en'),
  data: facts,
  dedupe,
});

/**
 * Whether one rule fires for one tracked keyword, and the alert that explains itself (what moved,
 * from what to what, since when, and the rule's threshold). Pure: the caller stores and sends.
 */
export function checkAlertRule(
  rule: { kind: Exclude<AlertKind, 'new_related'>; threshold: number },
  input: RuleInput,
): Alert | null {
  const { baseline: base, current: cur } = input;
  const at = whereOf(input);
  const today = input.now.toISOString().slice(0, 10);
  if (rule.kind === 'volume_change') {
    if (!base.searchVolume || cur.searchVolume === null) return null;
    const pct = ((cur.searchVolume - base.searchVolume) / base.searchVolume) * 100;
    if (Math.abs(pct) < rule.threshold) return null;
    return alert(
      {
        rule: 'volume_change',
        ...at,
        from: base.searchVolume,
        to: cur.searchVolume,
        changePct: Math.round(pct * 10) / 10,
        since: base.volumeAt.slice(0, 10),
        threshold: rule.threshold,
      },
      `volume_change:${today}`,
    );
  }
  if (rule.kind === 'competition_jump') {
    if (base.competition === null || cur.competition === null) return null;
    const points = (cur.competition - base.competition) * 100;
    if (points < rule.threshold) return null;
    return alert(
      {
        rule: 'competition_jump',
        ...at,
        from: base.competition,
        to: cur.competition,
        since: base.competitionAt.slice(0, 10),
        threshold: rule.threshold,
      },
      `competition_jump:${today}`,
    );
  }
  if (rule.kind === 'trending') {
    if (base.trending === cur.trending) return null;
    return alert(
      { rule: 'trending', ...at, trending: cur.trending },
      `trending:${cur.trending}:${today}`,
    );
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
  return alert(
    {
      rule: 'seasonal_peak',
      ...whereOf(input),
      peakMonth: peak,
      daysToPeak: days,
      lift: input.seasonality.index[peak - 1] ?? 1,
      threshold: daysAhead,
    },
    `seasonal_peak:${start.toISOString().slice(0, 7)}`,
  );
}
